"""authorities 0003: a single-city database of the release with global flags moves to roles per
authority; nothing is lost (calls, offers, contracts, users, messages) and the outbox's messages
learn their authority. Backwards the flags come back from the roles.

The world is built with today's models (a decided call with a contract), then the database goes
back to the release's nodes (before the roles, the messages' authority and the unused flags),
where the release's users get their flags and the outbox gets its messages through the models
of that release; then forward again."""
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accounts.models import User
from authorities.models import Authority, AuthorityRole
from competition.models import Call
from contracts.models import Contract
from notifications.models import Message
from offers.models import Offer
from tests_support.contracts import funded

RELEASE = [("authorities", "0001_initial"), ("notifications", "0010_neutral_authority_wording"),
           ("accounts", "0008_neutral_authority_wording")]


def _migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _counts() -> dict:
    return {"calls": Call.objects.count(), "offers": Offer.objects.count(), "contracts": Contract.objects.count(),
            "users": User.objects.count(), "authorities": Authority.objects.count()}


def _release_data(apps, world) -> dict:
    """The release's flags and messages, written with its models."""
    users = apps.get_model("accounts", "User").objects
    users.filter(email__in=["urzednik@x.pl", "oboje@x.pl"]).update(is_clerk=True)
    users.filter(email__in=["burmistrz@x.pl", "oboje@x.pl"]).update(is_mayor=True)
    messages = apps.get_model("notifications", "Message").objects
    now = timezone.now()
    offer = world.offers[0]
    keys = {"offer": f"offer:{offer.pk}", "call": f"call:{world.call.pk}:bip:1",
            "contract": f"contract:{world.contract.pk}", "version": f"version:{offer.versions.first().pk}",
            "invitation": "invitation:7"}
    for name, key in keys.items():
        messages.create(kind="submitted", email=f"{name}@x.pl", object_key=key, due_at=now, subject=name, body=name,
                        next_attempt_at=now)
    return keys


@pytest.mark.django_db(transaction=True)
def test_a_single_city_database_moves_to_roles_and_keeps_everything(reference_call, clerk, mayor):
    world = funded(reference_call, clerk, mayor)
    for email in ("urzednik@x.pl", "burmistrz@x.pl", "oboje@x.pl", "nikt@x.pl"):
        User.objects.create_user(email=email, password="haslo-testowe-123", full_name=email)
    AuthorityRole.objects.all().delete()  # the release had no roles: the factories' ones go
    before = _counts()
    latest = _latest()
    try:
        executor = _migrate(RELEASE)
        keys = _release_data(executor.loader.project_state(RELEASE).apps, world)
    finally:
        _migrate(latest)

    assert _counts() == before
    authorities = set(Authority.objects.all())
    held = {(r.user.email, r.role) for r in AuthorityRole.objects.select_related("user")}
    assert held == {("urzednik@x.pl", "clerk"), ("oboje@x.pl", "clerk"), ("burmistrz@x.pl", "decider"),
                    ("oboje@x.pl", "decider")}
    for email, role in held:  # at every authority of the database, each grant in the history
        assert {r.authority for r in AuthorityRole.objects.filter(user__email=email, role=role)} == authorities
    assert AuthorityRole.history.filter(history_type="+").count() == AuthorityRole.objects.count()
    found = dict(Message.objects.values_list("object_key", "authority_id"))
    city = world.call.authority_id
    assert [found[keys[name]] for name in ("offer", "call", "contract", "version")] == [city] * 4
    assert found[keys["invitation"]] is None  # the installation's own message


@pytest.mark.django_db(transaction=True)
def test_backwards_the_flags_come_back_from_the_roles(reference_call, clerk, mayor):
    latest = _latest()
    try:
        apps = _migrate(RELEASE).loader.project_state(RELEASE).apps
        flags = {u.email: (u.is_clerk, u.is_mayor) for u in apps.get_model("accounts", "User").objects.all()}
    finally:
        _migrate(latest)
    assert flags[clerk.email] == (True, False)
    assert flags[mayor.email] == (False, True)
