import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests_support.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_login_is_by_email_and_case_insensitive(client):
    user = UserFactory(email="skarbnik@example.org")
    response = client.post(reverse("accounts:login"), {"username": "Skarbnik@Example.org", "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_shows_polish_message_and_keeps_email(client):
    UserFactory(email="skarbnik@example.org")
    response = client.post(reverse("accounts:login"), {"username": "skarbnik@example.org", "password": "zle-haslo"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nieprawidłowy adres e-mail lub hasło" in body
    assert 'value="skarbnik@example.org"' in body


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    user = UserFactory(email="skarbnik@example.org")
    response = client.post(reverse("accounts:password_reset"), {"email": "skarbnik@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url  # Django swaps the token for a session marker
    response = client.post(form_url, {"new_password1": "Nowe-Haslo-2026!", "new_password2": "Nowe-Haslo-2026!"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Nowe-Haslo-2026!")


def test_password_reset_for_unknown_address_reveals_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nikt@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_signup_creates_an_account_and_logs_in(client):
    response = client.post(
        reverse("accounts:signup"),
        {"full_name": "Anna Skarbnik", "email": "Anna@Example.org", "phone": "", "password1": "Puszcza-Bialowieska-1",
         "password2": "Puszcza-Bialowieska-1"},
    )
    assert response.status_code == 302
    user = User.objects.get(email="anna@example.org")
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize(
    ("password2", "message"),
    [("inne-haslo-12345", "Hasła nie są takie same."), ("12345", "Hasła nie są takie same.")],
)
def test_signup_errors_keep_what_was_typed(client, password2, message):
    response = client.post(
        reverse("accounts:signup"),
        {"full_name": "Anna Skarbnik", "email": "anna@example.org", "password1": "Puszcza-Bialowieska-1", "password2": password2},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert 'value="Anna Skarbnik"' in body
    assert not User.objects.filter(email="anna@example.org").exists()


def test_signup_rejects_a_weak_password_naming_the_rule(client):
    response = client.post(
        reverse("accounts:signup"),
        {"full_name": "Anna Skarbnik", "email": "anna@example.org", "password1": "1234567890", "password2": "1234567890"},
    )
    assert response.status_code == 200
    assert "Hasło składa się wyłącznie z cyfr" in response.content.decode() or "zbyt powszechne" in response.content.decode()


def test_signup_refuses_an_existing_address(client):
    UserFactory(email="anna@example.org")
    response = client.post(
        reverse("accounts:signup"),
        {"full_name": "Anna", "email": "ANNA@example.org", "password1": "Puszcza-Bialowieska-1", "password2": "Puszcza-Bialowieska-1"},
    )
    assert "Konto z tym adresem e-mail już istnieje" in response.content.decode()


@pytest.mark.parametrize("role", ["outsider", "applicant", "commission_member", "clerk", "mayor", "admin_user"])
def test_every_role_sees_its_profile(as_role, role):
    client = as_role(role)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200
    assert "Mój profil" in response.content.decode()


def test_profile_lists_roles(as_role, clerk):
    body = as_role("clerk").get(reverse("accounts:profile")).content.decode()
    assert "pracownik urzędu" in body


def test_profile_lists_organisations_of_an_applicant(client, applicant):
    client.force_login(applicant)
    body = client.get(reverse("accounts:profile")).content.decode()
    assert applicant.memberships.first().organisation.name in body
    assert "oferent" in body


def test_anonymous_profile_redirects_to_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_profile_update_is_saved(client, outsider):
    client.force_login(outsider)
    client.post(reverse("accounts:profile"), {"full_name": "Nowe Nazwisko", "phone": "85 682 20 16"})
    outsider.refresh_from_db()
    assert outsider.full_name == "Nowe Nazwisko"


def test_english_is_switchable(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/accounts/login/"}, follow=True)
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "Log in to the portal" in body


def test_polish_is_the_default_language(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert '<html lang="pl">' in body
    assert "Logowanie" in body


def test_signup_returns_to_the_page_that_sent_the_user(client):
    response = client.post(
        reverse("accounts:signup") + "?next=/invitations/abc/",
        {"full_name": "Anna Skarbnik", "email": "anna@example.org", "password1": "Puszcza-Bialowieska-1",
         "password2": "Puszcza-Bialowieska-1", "next": "/invitations/abc/"},
    )
    assert response.status_code == 302
    assert response.url == "/invitations/abc/"


def test_signup_ignores_a_foreign_next(client):
    response = client.post(
        reverse("accounts:signup"),
        {"full_name": "Anna Skarbnik", "email": "anna@example.org", "password1": "Puszcza-Bialowieska-1",
         "password2": "Puszcza-Bialowieska-1", "next": "https://evil.example.com/"},
    )
    assert response.url == reverse("accounts:profile")


def test_turning_reminders_off_is_saved(client, outsider):
    client.force_login(outsider)
    client.post(reverse("accounts:profile"), {"full_name": outsider.full_name, "phone": ""})
    outsider.refresh_from_db()
    assert outsider.reminders_enabled is False  # an unticked checkbox
    client.post(reverse("accounts:profile"), {"full_name": outsider.full_name, "phone": "", "reminders_enabled": "on"})
    outsider.refresh_from_db()
    assert outsider.reminders_enabled is True
