"""The models moved from offers without touching a row (organisations 0001, offers 0009)."""
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from tests_support.factories import UserFactory

OFFERS_BEFORE = ("offers", "0008_historical_representatives_limit")
BEFORE = [OFFERS_BEFORE, ("organisations", None)]  # organisations 0001 depends on offers 0008 only
AFTER = [("organisations", "0001_initial"), ("offers", "0009_organisations_moved_out")]


def _migrate(targets, *, state_at):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(state_at).apps


def _latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def back_to_the_latest_schema():
    """Migrating back to offers 0008 also unapplies what came after it in every app (the offer
    number counter, offers 0010, for one): the next tests on this database need all of it."""
    latest = _latest()
    yield
    _migrate(latest, state_at=latest)


@pytest.mark.django_db(transaction=True)
def test_rows_made_before_the_move_are_all_there_after_it(back_to_the_latest_schema):
    old = _migrate(BEFORE, state_at=[OFFERS_BEFORE])
    try:
        user = UserFactory()  # accounts is not migrated back: the model of today
        organisation = old.get_model("offers", "Organisation").objects.create(
            name="Stowarzyszenie Razem", legal_form="association")
        old.get_model("offers", "Membership").objects.create(organisation=organisation, user_id=user.pk)
        old.get_model("offers", "Invitation").objects.create(
            organisation=organisation, email="nowy@example.org", token="t" * 40, invited_by_id=user.pk)
        old.get_model("offers", "BankAccountChange").objects.create(
            organisation=organisation, new_account="PL61109010140000071219812874", by_id=user.pk, at=timezone.now())
        ContentType.objects.filter(app_label="organisations").delete()
        ContentType.objects.get_or_create(app_label="offers", model="organisation")
        type_id = ContentType.objects.get(app_label="offers", model="organisation").pk
    finally:
        new = _migrate(AFTER, state_at=AFTER)
    moved = new.get_model("organisations", "Organisation").objects.get()
    assert (moved.pk, moved.name) == (organisation.pk, "Stowarzyszenie Razem")
    assert new.get_model("organisations", "Membership").objects.get().user_id == user.pk
    assert new.get_model("organisations", "Invitation").objects.get().token == "t" * 40
    assert new.get_model("organisations", "BankAccountChange").objects.get().organisation_id == organisation.pk
    assert ContentType.objects.get(app_label="organisations", model="organisation").pk == type_id
    assert not ContentType.objects.filter(app_label="offers", model="organisation").exists()
