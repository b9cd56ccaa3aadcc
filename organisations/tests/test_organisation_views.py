"""Organisation pages through the test client, for every role."""
import re

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from notifications.services import send_due
from organisations.models import Invitation, Membership, Organisation
from tests_support.factories import DEFAULT_PASSWORD, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Stowarzyszenie Przyjaciół Puszczy",
    "legal_form": "association",
    "krs": "0000123456",
    "other_register": "",
    "other_register_number": "",
    "nip": "123-456-32-18",
    "regon": "123456785",
    "street": "ul. Lipowa 1",
    "postal_code": "17-200",
    "city": "Hajnówka",
    "email": "biuro@example.org",
    "phone": "85 682 00 00",
    "bank_account": "PL61 1090 1014 0000 0712 1981 2874",
    "representatives": "Anna Kowalska – prezes\nJan Nowak – skarbnik",
}


@pytest.fixture
def membership(db):
    return MembershipFactory()


def _urls(pk):
    return {
        "list": reverse("offers:organisation_list"),
        "create": reverse("offers:organisation_create"),
        "detail": reverse("offers:organisation_detail", kwargs={"pk": pk}),
        "edit": reverse("offers:organisation_edit", kwargs={"pk": pk}),
    }


# --- who may see what --------------------------------------------------------------------


@pytest.mark.parametrize("page", ["list", "create", "detail", "edit"])
def test_anonymous_is_sent_to_login_and_back(client, membership, page):
    url = _urls(membership.organisation.pk)[page]
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('accounts:login')}?next={url}"


def test_anonymous_cannot_invite_or_accept(client, membership):
    invite = reverse("offers:organisation_invite", kwargs={"pk": membership.organisation.pk})
    assert client.post(invite, {"email": "a@example.org"}).url.startswith(reverse("accounts:login"))
    accept = reverse("offers:invitation_accept", kwargs={"token": "abc"})
    assert client.get(accept).url == f"{reverse('accounts:login')}?next={accept}"
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("page", ["list", "create", "detail", "edit"])
def test_member_sees_the_pages(client, membership, page):
    client.force_login(membership.user)
    response = client.get(_urls(membership.organisation.pk)[page])
    assert response.status_code == 200


def test_detail_shows_data_members_and_the_account_in_groups(client, membership):
    client.force_login(membership.user)
    body = client.get(_urls(membership.organisation.pk)["detail"]).content.decode()
    assert membership.organisation.name in body
    assert membership.user.email in body
    assert "PL61 1090 1014 0000 0712 1981 2874" in body
    assert "Zaproś współpracownika" in body


@pytest.mark.parametrize("role", ["other_member", "outsider", "clerk"])
@pytest.mark.parametrize("page", ["detail", "edit", "invite"])
def test_anyone_but_a_member_gets_404(client, membership, role, page, clerk, outsider):
    user = {"other_member": MembershipFactory().user, "outsider": outsider, "clerk": clerk}[role]
    client.force_login(user)
    pk = membership.organisation.pk
    if page == "invite":
        response = client.post(reverse("offers:organisation_invite", kwargs={"pk": pk}), {"email": "x@example.org"})
    else:
        response = client.get(_urls(pk)[page])
    assert response.status_code == 404
    assert not Invitation.objects.exists()


def test_list_shows_only_my_organisations(client, membership, django_assert_max_num_queries):
    MembershipFactory(user=membership.user)
    stranger = OrganisationFactory(name="Fundacja Obca")
    client.force_login(membership.user)
    with django_assert_max_num_queries(6):
        body = client.get(_urls(0)["list"]).content.decode()
    assert membership.organisation.name in body
    assert stranger.name not in body


# --- register and edit -------------------------------------------------------------------


def test_registering_creates_the_organisation_and_the_membership(client, outsider):
    client.force_login(outsider)
    response = client.post(reverse("offers:organisation_create"), FORM)
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("offers:organisation_detail", kwargs={"pk": organisation.pk})
    assert organisation.nip == "1234563218"
    assert organisation.bank_account == "PL61109010140000071219812874"
    assert Membership.objects.filter(organisation=organisation, user=outsider).exists()
    assert "Organizacja została zarejestrowana" in client.get(response.url).content.decode()


def test_a_wrong_nip_keeps_what_was_typed_and_names_the_check_digit(client, outsider):
    client.force_login(outsider)
    response = client.post(reverse("offers:organisation_create"), {**FORM, "nip": "123-456-32-11"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Cyfra kontrolna NIP 1234563211 jest błędna" in body
    assert "ostatnia powinna wynosić 8" in body
    assert 'value="123-456-32-11"' in body
    assert 'value="Stowarzyszenie Przyjaciół Puszczy"' in body
    assert 'value="PL61 1090 1014 0000 0712 1981 2874"' in body
    assert "Anna Kowalska – prezes" in body
    assert 'href="#id_nip"' in body  # the error summary links to the field
    assert not Organisation.objects.exists()


def test_missing_register_and_representatives_are_explained(client, outsider):
    client.force_login(outsider)
    response = client.post(reverse("offers:organisation_create"), {**FORM, "krs": "", "representatives": " \n "})
    body = response.content.decode()
    assert "Podaj numer KRS albo nazwę innego rejestru" in body
    assert "To pole jest wymagane" in body  # representatives: blank lines only
    assert not Organisation.objects.exists()


def test_an_organisation_in_another_register_needs_no_krs(client, outsider):
    client.force_login(outsider)
    data = {**FORM, "krs": "", "legal_form": "ordinary_association",
            "other_register": "ewidencja stowarzyszeń zwykłych Starosty Hajnowskiego", "other_register_number": "3/2019"}
    assert client.post(reverse("offers:organisation_create"), data).status_code == 302
    assert Organisation.objects.get().other_register_number == "3/2019"


def test_edit_form_shows_stored_data_and_saves_changes(client, membership):
    client.force_login(membership.user)
    url = _urls(membership.organisation.pk)["edit"]
    body = client.get(url).content.decode()
    assert 'value="PL61 1090 1014 0000 0712 1981 2874"' in body
    response = client.post(url, {**FORM, "name": "Nowa Nazwa", "regon": "12345678512347"})
    assert response.status_code == 302
    membership.organisation.refresh_from_db()
    assert membership.organisation.name == "Nowa Nazwa"
    assert membership.organisation.regon == "12345678512347"


def test_edit_with_an_error_changes_nothing(client, membership):
    client.force_login(membership.user)
    old_name = membership.organisation.name
    response = client.post(_urls(membership.organisation.pk)["edit"], {**FORM, "name": "Nowa", "bank_account": "DE89370400440532013000"})
    assert response.status_code == 200
    assert "Rachunek bankowy musi być polski (PL)" in response.content.decode()
    membership.organisation.refresh_from_db()
    assert membership.organisation.name == old_name


# --- invite and accept -------------------------------------------------------------------


def _invite(client, membership, email, capture):
    client.force_login(membership.user)
    url = reverse("offers:organisation_invite", kwargs={"pk": membership.organisation.pk})
    with capture(execute=True):
        response = client.post(url, {"email": email})
    send_due()  # the outbox: what the worker does every minute
    return response


def test_invitation_mail_has_a_link_that_makes_the_colleague_a_member(
    client, membership, django_capture_on_commit_callbacks
):
    response = _invite(client, membership, "kolega@example.org", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "kolega@example.org" in client.get(response.url).content.decode()  # listed as pending

    path = re.search(r"https?://[^/\s]+(/invitations/[\w-]+/)", mail.outbox[0].body).group(1)
    colleague = UserFactory(email="kolega@example.org")
    client.force_login(colleague)
    page = client.get(path)
    assert page.status_code == 200
    assert "Przyjmij zaproszenie" in page.content.decode()

    response = client.post(path)
    assert response.status_code == 302
    assert response.url == reverse("offers:organisation_detail", kwargs={"pk": membership.organisation.pk})
    assert Membership.objects.filter(organisation=membership.organisation, user=colleague).exists()
    assert client.get(response.url).status_code == 200


def test_anonymous_following_the_link_logs_in_and_comes_back(client, membership, django_capture_on_commit_callbacks):
    _invite(client, membership, "kolega@example.org", django_capture_on_commit_callbacks)
    path = re.search(r"(/invitations/[\w-]+/)", mail.outbox[0].body).group(1)
    client.logout()
    UserFactory(email="kolega@example.org")
    response = client.get(path)
    login = reverse("accounts:login")
    assert response.url == f"{login}?next={path}"
    response = client.post(response.url, {"username": "kolega@example.org", "password": DEFAULT_PASSWORD, "next": path})
    assert response.url == path


def test_a_used_token_is_refused(client, membership):
    invitation = Invitation.objects.create(
        organisation=membership.organisation, email="kolega@example.org", token="uzyty-token", invited_by=membership.user
    )
    client.force_login(UserFactory(email="kolega@example.org"))
    client.post(reverse("offers:invitation_accept", kwargs={"token": invitation.token}))
    other = UserFactory(email="inny@example.org")
    client.force_login(other)
    url = reverse("offers:invitation_accept", kwargs={"token": invitation.token})
    page = client.get(url).content.decode()
    assert "To zaproszenie zostało już wykorzystane" in page
    assert "Przyjmij zaproszenie" not in page
    response = client.post(url)
    assert response.status_code == 400
    assert not Membership.objects.filter(user=other).exists()


def test_a_token_for_another_address_shows_a_clear_error(client, membership):
    Invitation.objects.create(
        organisation=membership.organisation, email="kolega@example.org", token="cudzy-token", invited_by=membership.user
    )
    client.force_login(UserFactory(email="ktos@example.org"))
    body = client.get(reverse("offers:invitation_accept", kwargs={"token": "cudzy-token"})).content.decode()
    assert "wysłano na adres kolega@example.org" in body
    assert "Przyjmij zaproszenie" not in body


def test_an_unknown_token_is_404(client, outsider):
    client.force_login(outsider)
    assert client.get(reverse("offers:invitation_accept", kwargs={"token": "nie-ma"})).status_code == 404


def test_inviting_a_member_keeps_the_address_and_explains(client, membership, django_capture_on_commit_callbacks):
    response = _invite(client, membership, membership.user.email, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    body = response.content.decode()
    assert "jest już członkiem tej organizacji" in body
    assert f'value="{membership.user.email}"' in body
    assert mail.outbox == []


def test_invite_accepts_only_post(client, membership):
    client.force_login(membership.user)
    assert client.get(reverse("offers:organisation_invite", kwargs={"pk": membership.organisation.pk})).status_code == 405


@override_settings(INVITATIONS_PER_USER_PER_HOUR=1)
def test_over_the_limit_the_page_names_it_and_keeps_the_address(client, membership, django_capture_on_commit_callbacks):
    _invite(client, membership, "pierwszy@example.org", django_capture_on_commit_callbacks)
    response = _invite(client, membership, "drugi@example.org", django_capture_on_commit_callbacks)
    assert response.status_code == 200
    body = response.content.decode()
    assert "limit wynosi 1 na godzinę" in body
    assert 'value="drugi@example.org"' in body
    assert [m.to for m in mail.outbox] == [["pierwszy@example.org"]]
