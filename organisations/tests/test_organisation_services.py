from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from notifications.models import Message
from notifications.services import send_due
from organisations import services
from organisations.models import Invitation, Membership, Organisation
from tests_support.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def organisation_data(**overrides):
    data = {
        "name": "Stowarzyszenie Przyjaciół Puszczy",
        "legal_form": "association",
        "krs": "0000 123 456",
        "other_register": "",
        "other_register_number": "",
        "nip": "123-456-32-18",
        "regon": "123456785",
        "street": "ul. Lipowa 1",
        "postal_code": "17200",
        "city": "Hajnówka",
        "email": "biuro@example.org",
        "phone": "",
        "bank_account": "61 1090 1014 0000 0712 1981 2874",
        "representatives": "Anna Kowalska – prezes\n\nJan Nowak – skarbnik\n",
    }
    return {**data, **overrides}


def test_register_creates_the_organisation_and_makes_the_registrant_a_member():
    treasurer = UserFactory()
    organisation = services.organisation_register(data=organisation_data(), by=treasurer)
    assert organisation.krs == "0000123456"
    assert organisation.nip == "1234563218"
    assert organisation.postal_code == "17-200"
    assert organisation.bank_account == "PL61109010140000071219812874"
    assert organisation.representative_list() == ["Anna Kowalska – prezes", "Jan Nowak – skarbnik"]
    membership = Membership.objects.get(organisation=organisation)
    assert membership.user == treasurer
    assert membership.joined_at is not None


def test_register_refuses_a_wrong_nip_and_writes_nothing():
    with pytest.raises(ValidationError) as exc:
        services.organisation_register(data=organisation_data(nip="1234563211"), by=UserFactory())
    assert "nip" in exc.value.message_dict
    assert not Organisation.objects.exists()
    assert not Membership.objects.exists()


def test_update_by_a_member_saves_normalised_data():
    membership = MembershipFactory()
    organisation = services.organisation_update(
        organisation=membership.organisation, data=organisation_data(name="Nowa nazwa", regon="12345678512347"),
        by=membership.user,
    )
    organisation.refresh_from_db()
    assert organisation.name == "Nowa nazwa"
    assert organisation.regon == "12345678512347"


def test_update_by_a_non_member_is_refused():
    organisation = OrganisationFactory()
    with pytest.raises(PermissionDenied):
        services.organisation_update(organisation=organisation, data=organisation_data(), by=UserFactory())


@override_settings(PORTAL_BASE_URL="https://konkursy.example.org/")
def test_invitation_is_mailed_in_polish_after_commit_with_a_link(django_capture_on_commit_callbacks):
    membership = MembershipFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            organisation=membership.organisation, email=" Kolega@Example.org ", by=membership.user
        )
        assert mail.outbox == []  # nothing leaves before the commit
    send_due()
    assert invitation.email == "kolega@example.org"
    assert len(invitation.token) >= 40
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["kolega@example.org"]
    assert membership.organisation.name in message.subject
    assert f"https://konkursy.example.org/invitations/{invitation.token}/" in message.body
    assert "zaprasza Cię" in message.body


def test_inviting_the_same_address_again_resends_the_pending_invitation(django_capture_on_commit_callbacks):
    membership = MembershipFactory()
    with django_capture_on_commit_callbacks(execute=True):
        first = services.invitation_create(organisation=membership.organisation, email="a@example.org", by=membership.user)
        second = services.invitation_create(organisation=membership.organisation, email="A@example.org", by=membership.user)
    send_due()
    assert first.pk == second.pk
    assert len(mail.outbox) == 2


def test_inviting_a_member_is_refused():
    membership = MembershipFactory()
    with pytest.raises(ValidationError) as exc:
        services.invitation_create(organisation=membership.organisation, email=membership.user.email, by=membership.user)
    assert "jest już członkiem" in exc.value.message_dict["email"][0]


def test_only_a_member_may_invite():
    with pytest.raises(PermissionDenied):
        services.invitation_create(organisation=OrganisationFactory(), email="a@example.org", by=UserFactory())


def _invitation(email="kolega@example.org"):
    membership = MembershipFactory()
    return services.invitation_create(organisation=membership.organisation, email=email, by=membership.user)


def test_accepting_creates_the_membership_and_records_who_and_when():
    invitation = _invitation()
    colleague = UserFactory(email="Kolega@example.org")
    membership = services.invitation_accept(token=invitation.token, user=colleague)
    assert membership.organisation == invitation.organisation
    invitation.refresh_from_db()
    assert invitation.accepted_by == colleague
    assert invitation.accepted_at is not None


def test_accepting_twice_is_idempotent():
    invitation = _invitation()
    colleague = UserFactory(email="kolega@example.org")
    first = services.invitation_accept(token=invitation.token, user=colleague)
    second = services.invitation_accept(token=invitation.token, user=colleague)
    assert first.pk == second.pk
    assert Membership.objects.filter(user=colleague).count() == 1


def test_a_used_token_is_refused_to_anyone_else():
    invitation = _invitation()
    services.invitation_accept(token=invitation.token, user=UserFactory(email="kolega@example.org"))
    with pytest.raises(ValidationError) as exc:
        services.invitation_accept(token=invitation.token, user=UserFactory())
    assert "zostało już wykorzystane" in exc.value.messages[0]


def test_a_token_for_another_address_is_refused_with_both_addresses():
    invitation = _invitation()
    intruder = UserFactory(email="ktos@example.org")
    with pytest.raises(ValidationError) as exc:
        services.invitation_accept(token=invitation.token, user=intruder)
    assert "kolega@example.org" in exc.value.messages[0]
    assert "ktos@example.org" in exc.value.messages[0]
    assert not Membership.objects.filter(user=intruder).exists()


def test_an_expired_invitation_is_refused():
    invitation = _invitation()
    Invitation.objects.filter(pk=invitation.pk).update(created_at=timezone.now() - timedelta(days=15))
    with pytest.raises(ValidationError) as exc:
        services.invitation_accept(token=invitation.token, user=UserFactory(email="kolega@example.org"))
    assert "wygasło" in exc.value.messages[0]


def test_an_unknown_token_is_refused():
    with pytest.raises(ValidationError):
        services.invitation_accept(token="nie-ma-takiego", user=UserFactory())


def test_an_invitation_accepted_before_its_e_mail_leaves_is_not_sent(django_capture_on_commit_callbacks):
    from notifications.models import Message

    membership = MembershipFactory()
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(organisation=membership.organisation, email="b@example.org",
                                                by=membership.user)
    row = Message.objects.get(kind="invitation", object_key=f"invitation:{invitation.pk}")
    assert row.user is None and row.email == "b@example.org"
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    send_due()
    assert mail.outbox == []
    row.refresh_from_db()
    assert row.state == Message.State.CANCELLED


# --- rate limits and what the e-mail may say (issue 18, point 5) ----------------------------------


@override_settings(INVITATIONS_PER_USER_PER_HOUR=3, INVITATIONS_PER_ORGANISATION_PER_DAY=50)
def test_invitations_are_limited_per_inviting_user_per_hour():
    membership = MembershipFactory()
    for n in range(3):
        services.invitation_create(organisation=membership.organisation, email=f"k{n}@example.org", by=membership.user)
    with pytest.raises(ValidationError) as exc:
        services.invitation_create(organisation=membership.organisation, email="k9@example.org", by=membership.user)
    assert exc.value.message_dict["email"] == [
        "W ciągu ostatniej godziny wysłano z Twojego konta 3 zaproszeń; limit wynosi 3 na godzinę. Spróbuj ponownie "
        "później: wpisany adres pozostał w formularzu poniżej."]
    assert not Invitation.objects.filter(email="k9@example.org").exists()
    # an hour later the same member may invite again
    later = timezone.now() + timedelta(hours=1, minutes=1)
    services.invitation_create(organisation=membership.organisation, email="k9@example.org", by=membership.user,
                               now=later)


@override_settings(INVITATIONS_PER_USER_PER_HOUR=3, INVITATIONS_PER_ORGANISATION_PER_DAY=50)
def test_sending_the_same_invitation_again_counts_against_the_limit():
    membership = MembershipFactory()
    for _n in range(3):
        services.invitation_create(organisation=membership.organisation, email="ten@example.org", by=membership.user)
    with pytest.raises(ValidationError):
        services.invitation_create(organisation=membership.organisation, email="ten@example.org", by=membership.user)
    assert Message.objects.filter(kind="invitation").count() == 3


@override_settings(INVITATIONS_PER_USER_PER_HOUR=10, INVITATIONS_PER_ORGANISATION_PER_DAY=4)
def test_invitations_are_limited_per_organisation_per_day_whoever_sends_them():
    first = MembershipFactory()
    second = MembershipFactory(organisation=first.organisation)
    for n in range(2):
        services.invitation_create(organisation=first.organisation, email=f"a{n}@example.org", by=first.user)
        services.invitation_create(organisation=first.organisation, email=f"b{n}@example.org", by=second.user)
    with pytest.raises(ValidationError) as exc:
        services.invitation_create(organisation=first.organisation, email="c@example.org", by=second.user)
    assert exc.value.message_dict["email"][0].startswith(
        "W ciągu ostatnich 24 godzin wysłano w imieniu tej organizacji 4 zaproszeń; limit wynosi 4 na dobę.")
    other = MembershipFactory(user=second.user)  # the same person for another organisation is not held back
    services.invitation_create(organisation=other.organisation, email="c@example.org", by=second.user)


def test_the_invitation_quotes_the_name_as_data_and_carries_no_text_of_the_inviter(
        django_capture_on_commit_callbacks):
    organisation = OrganisationFactory(name="Pilne! Zweryfikuj konto: http://bank-pl.example/login\nwww.evil.example",
                                       nip="1234563218", krs="0000000075")
    inviter = UserFactory(full_name="Kliknij https://phish.example/teraz", email="olga@example.org")
    Membership.objects.create(organisation=organisation, user=inviter)
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(organisation=organisation, email="ofiara@example.org", by=inviter)
    send_due()
    message = mail.outbox[0]
    assert message.alternatives == []  # plain text only
    for link in ("http://bank-pl.example", "bank-pl.example", "www.evil.example", "phish.example", "Kliknij"):
        assert link not in message.body and link not in message.subject
    assert ("„Pilne! Zweryfikuj konto: http[:]//bank-pl[.]example/login www[.]evil[.]example” "
            "(NIP 1234563218, KRS 0000000075)") in message.body
    assert "osoba zapraszająca nie mogła dodać do niej własnego tekstu" in message.body
    assert "\n" not in message.subject
    assert message.subject.startswith("Zaproszenie do działania w imieniu „Pilne! Zweryfikuj konto: http[:]//")
