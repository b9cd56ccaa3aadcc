"""The history of organisations, members and invitations (who, when), and the notice of a new
bank account: recorded, e-mailed to every member through the outbox, masked."""
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.db import transaction

from accounts.models import Notice
from notifications.models import Message
from notifications.services import send_due
from organisations import rules, services
from organisations.models import BankAccountChange, Invitation, Membership, Organisation
from organisations.tests.test_organisation_services import organisation_data
from tests_support.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

OLD = "PL61109010140000071219812874"
NEW = "PL04318609139099603082462819"


def _member(**kwargs):
    membership = MembershipFactory(**kwargs)
    return membership.organisation, membership.user


def _data(organisation, **changes):
    """The edit form as the member sends it: the stored data with `changes`."""
    return {**organisation_data(), **{k: getattr(organisation, k) for k in services.ORGANISATION_FIELDS}, **changes}


def _update(organisation, by, now=None, **changes):
    return services.organisation_update(organisation=organisation, data=_data(organisation, **changes), by=by, now=now)


# --- history -----------------------------------------------------------------------------------


def test_registering_records_the_organisation_and_the_membership_with_the_registrant():
    treasurer = UserFactory()
    organisation = services.organisation_register(data=organisation_data(), by=treasurer)
    [created] = organisation.history.all()
    assert (created.history_type, created.history_user) == ("+", treasurer)
    [joined] = Membership.history.filter(organisation_id=organisation.pk)
    assert (joined.history_type, joined.history_user, joined.user_id) == ("+", treasurer, treasurer.pk)


@pytest.mark.parametrize("field, value", [
    ("name", "Fundacja Nowa Nazwa"),
    ("nip", "5260250995"),
    ("bank_account", NEW),
    ("representatives", "Anna Kowalska – prezes\nPiotr Zieliński – skarbnik"),
])
def test_a_change_of_the_organisation_is_recorded_with_who_made_it(field, value):
    organisation, member = _member()
    _update(organisation, member, **{field: value})
    latest = organisation.history.first()
    assert (latest.history_type, latest.history_user) == ("~", member)
    assert getattr(latest, field) == value


def test_inviting_and_accepting_are_recorded_with_who_and_the_token_is_not_kept():
    organisation, member = _member()
    invitation = services.invitation_create(organisation=organisation, email="kolega@example.org", by=member)
    colleague = UserFactory(email="kolega@example.org")
    services.invitation_accept(token=invitation.token, user=colleague)

    sent, accepted = Invitation.history.filter(id=invitation.pk).order_by("history_id")
    assert (sent.history_type, sent.history_user) == ("+", member)
    assert (accepted.history_type, accepted.history_user, accepted.accepted_by_id) == ("~", colleague, colleague.pk)
    assert not hasattr(sent, "token")  # the link's secret stays out of the history table
    joined = Membership.history.get(organisation_id=organisation.pk, user_id=colleague.pk)
    assert (joined.history_type, joined.history_user) == ("+", colleague)


def test_a_member_leaving_is_recorded():
    organisation, member = _member()
    colleague = MembershipFactory(organisation=organisation)
    colleague._history_user = member
    colleague.delete()
    removed = Membership.history.get(organisation_id=organisation.pk, history_type="-")
    assert (removed.user_id, removed.history_user) == (colleague.user_id, member)


# --- a new bank account --------------------------------------------------------------------------


def test_rules_mask_all_but_the_last_four_digits():
    assert rules.mask_iban(OLD) == "PL** **** **** **** **** **** 2874"
    assert rules.mask_iban("61 1090 1014 0000 0712 1981 2874") == "PL** **** **** **** **** **** 2874"
    assert rules.mask_iban("") == ""


def test_a_new_account_is_recorded_and_every_member_is_told_after_the_commit(django_capture_on_commit_callbacks):
    organisation, member = _member(user__full_name="Anna Kowalska", organisation__bank_account=OLD,
                                   organisation__email="zarzad@example.org")
    colleague = MembershipFactory(organisation=organisation).user
    MembershipFactory(user=UserFactory(email="obcy@example.org"))  # another organisation's member
    moment = datetime(2026, 3, 2, 8, 5, tzinfo=UTC)  # 09:05 in Warsaw
    with django_capture_on_commit_callbacks(execute=True):
        _update(organisation, member, bank_account=NEW, now=moment)

    change = BankAccountChange.objects.get(organisation=organisation)
    assert (change.old_account, change.new_account, change.by, change.at) == (OLD, NEW, member, moment)
    rows = Message.objects.filter(kind="bank_account", object_key=f"bank_account:{change.pk}")
    assert sorted(rows.values_list("email", flat=True)) == sorted([member.email, colleague.email,
                                                                   "zarzad@example.org"])
    assert Notice.objects.filter(user__in=[member, colleague], title__contains="Zmieniono rachunek").count() == 2

    send_due()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, colleague.email, "zarzad@example.org"])
    message = next(m for m in mail.outbox if m.to == [colleague.email])
    assert message.subject == f"Zmieniono rachunek bankowy organizacji {organisation.name}"
    body = " ".join(message.body.split())
    assert ("Dnia 02.03.2026 09:05 Anna Kowalska zmienił(a) w portalu rachunek bankowy organizacji "
            f"{organisation.name} z PL** **** **** **** **** **** 2874 na PL** **** **** **** **** **** 2819.") in body
    assert "zmienić hasło i powiadomić urząd" in body
    for account in (OLD, NEW, rules.format_iban(OLD), rules.format_iban(NEW), "1090 1014", "3186 0913"):
        assert account not in message.body  # nothing but the last four digits is written out


def test_saving_the_same_account_tells_nobody(django_capture_on_commit_callbacks):
    organisation, member = _member(organisation__bank_account=OLD)
    with django_capture_on_commit_callbacks(execute=True):
        _update(organisation, member, bank_account="61 1090 1014 0000 0712 1981 2874", name="Nowa nazwa")
    assert not BankAccountChange.objects.exists()
    assert not Message.objects.filter(kind="bank_account").exists()


def test_a_change_that_is_rolled_back_sends_nothing():
    organisation, member = _member(organisation__bank_account=OLD)
    with pytest.raises(RuntimeError), transaction.atomic():
        _update(organisation, member, bank_account=NEW)
        raise RuntimeError("the request failed after the save")
    assert not Message.objects.exists()
    send_due()
    assert mail.outbox == []
    assert Organisation.objects.get(pk=organisation.pk).bank_account == OLD


def test_the_migration_gives_existing_rows_a_first_record_to_compare_with():
    from importlib import import_module

    from django.apps import apps

    organisation, member = _member()
    Invitation.objects.create(organisation=organisation, email="a@example.org", token="t" * 20, invited_by=member)
    for model in (Organisation, Membership, Invitation):
        model.history.all().delete()  # as before the migration: rows without any history
    import_module("offers.migrations.0005_organisation_history").baseline(apps, None)
    [record] = organisation.history.all()
    assert (record.history_type, record.history_user, record.name) == ("+", None, organisation.name)
    assert Membership.history.filter(organisation_id=organisation.pk, history_type="+").count() == 1
    assert Invitation.history.get(organisation_id=organisation.pk).email == "a@example.org"
    _update(organisation, member, name="Po migracji")
    assert organisation.history.first().diff_against(record).changed_fields == ["name"]
