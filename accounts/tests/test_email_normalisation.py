"""One normalised e-mail address wherever an address is a key: stored accounts (the data
migration), sign-up, password reset and invitations."""
import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.core.management.base import CommandError
from django.urls import reverse

from accounts.models import User
from tests_support.factories import UserFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("accounts.migrations.0004_normalise_emails")


def test_the_migration_lower_cases_and_trims_stored_addresses():
    kept = UserFactory(email="ok@demo.local")
    shouting = UserFactory(email="x@demo.local")
    User.objects.filter(pk=shouting.pk).update(email=" KOLO@Demo.Local")  # as an older version stored it
    migration.normalise_emails(apps, None)
    assert User.objects.get(pk=shouting.pk).email == "kolo@demo.local"
    assert User.objects.get(pk=kept.pk).email == "ok@demo.local"


class _Rows:
    """What the migration reads of the users, for two rows the database's constraint now forbids."""

    def __init__(self, rows):
        self.rows, self.updated = rows, []

    def order_by(self, *_fields):
        return self

    def values_list(self, *_fields):
        return list(self.rows)

    def filter(self, **_lookup):
        return self

    def update(self, **values):
        self.updated.append(values)


class _Apps:
    def __init__(self, rows):
        self.model = type("User", (), {"objects": _Rows(rows)})

    def get_model(self, *_name):
        return self.model


def test_the_migration_stops_naming_the_accounts_that_would_collide_and_changes_nothing():
    fake = _Apps([(1, "Kolo@demo.local"), (2, "kolo@demo.local"), (3, "Other@demo.local")])
    with pytest.raises(CommandError) as stopped:
        migration.normalise_emails(fake, None)
    message = str(stopped.value)
    assert "'Kolo@demo.local' (id 1)" in message and "'kolo@demo.local' (id 2)" in message
    assert "Other@demo.local" not in message
    assert "decide which account stays" in message and "run `manage.py migrate` again" in message
    assert fake.model.objects.updated == []


def test_sign_up_refuses_an_address_that_differs_only_in_case(client):
    UserFactory(email="kolo@demo.local")
    response = client.post(reverse("accounts:signup"), {
        "full_name": "Jan Kowalski", "email": " KOLO@Demo.local", "phone": "",
        "password1": "Puszcza-Bialowieska-1", "password2": "Puszcza-Bialowieska-1"})
    assert response.status_code == 200
    assert "Konto z tym adresem e-mail już istnieje" in response.content.decode()
    assert User.objects.count() == 1


def test_the_database_refuses_a_second_account_differing_only_in_case():
    from django.db import IntegrityError, transaction

    UserFactory(email="kolo@demo.local")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=UserFactory(email="x@demo.local").pk).update(email="KOLO@demo.local")


def test_password_reset_finds_the_account_however_the_address_is_typed(client):
    UserFactory(email="kolo@demo.local")
    response = client.post(reverse("accounts:password_reset"), {"email": " KOLO@Demo.LOCAL "})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["kolo@demo.local"]


def test_an_invitation_typed_in_capitals_is_stored_normalised_and_accepted_by_the_account(client):
    from organisations.services import invitation_accept, invitation_create
    from tests_support.factories import MembershipFactory

    membership = MembershipFactory()
    invitation = invitation_create(organisation=membership.organisation, email=" Kolo@Demo.LOCAL", by=membership.user)
    assert invitation.email == "kolo@demo.local"
    colleague = UserFactory(email="kolo@demo.local")
    assert invitation_accept(token=invitation.token, user=colleague).organisation == membership.organisation
