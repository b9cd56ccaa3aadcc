"""Repeated failed logins lock that account from that address for a while (django-axes);
sessions end after an hour without activity."""
import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from tests_support.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def _login(client, email, password, address="192.0.2.10"):
    return client.post(reverse("accounts:login"), {"username": email, "password": password}, REMOTE_ADDR=address)


def test_after_five_failed_logins_the_account_is_locked_from_that_address_even_with_the_right_password(client):
    user = UserFactory(email="skarbnik@example.org")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, user.email, "wrong-password").status_code == 200  # the form again, with the error
    locked = _login(client, user.email, "wrong-password")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert 'id="locked-out"' in page and "zablokowane na 15 minut." in page  # for how long, in Polish
    assert _login(client, user.email, DEFAULT_PASSWORD).status_code == 429  # still locked
    assert "_auth_user_id" not in client.session
    other = UserFactory(email="inny@example.org")
    assert _login(client, other.email, DEFAULT_PASSWORD).status_code == 302  # another account is not locked
    client.logout()
    assert _login(client, user.email, DEFAULT_PASSWORD, address="198.51.100.7").status_code == 302  # another address


def test_a_successful_login_clears_the_failures(client):
    user = UserFactory(email="sekretarz@example.org")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, user.email, "wrong-password")
    assert _login(client, user.email, DEFAULT_PASSWORD).status_code == 302
    client.logout()
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, user.email, "wrong-password").status_code == 200  # counted from zero again


def test_sessions_end_after_an_hour_without_activity_renewed_by_requests_every_few_minutes(client):
    import time

    from core.middleware import SEEN

    assert settings.SESSION_COOKIE_AGE == 3600
    user = UserFactory()
    assert _login(client, user.email, DEFAULT_PASSWORD).status_code == 302
    assert "sessionid" not in client.get(reverse("accounts:profile")).cookies  # just logged in: nothing to renew
    session = client.session
    session[SEEN] = int(time.time()) - settings.SESSION_REFRESH_AFTER - 1
    session.save()
    response = client.get(reverse("accounts:profile"))
    assert response.cookies["sessionid"]["max-age"] == 3600  # renewed: another hour from this request
    assert "sessionid" not in client.get(reverse("accounts:profile")).cookies  # and not again at once


def test_case_and_space_variants_of_the_address_count_against_one_account(client):
    user = UserFactory(email="kolo@demo.local")
    for typed in ("KOLO@DEMO.LOCAL", " kolo@demo.local", "Kolo@demo.local", "kolo@DEMO.local"):
        assert _login(client, typed, "wrong-password").status_code == 200
    assert _login(client, "kOlO@demo.local ", "wrong-password").status_code == 429  # the fifth, however typed
    for typed in ("KOLO@DEMO.LOCAL", " kolo@demo.local", "Kolo@demo.local", user.email):
        assert _login(client, typed, DEFAULT_PASSWORD).status_code == 429  # still locked, every variant
    assert "_auth_user_id" not in client.session


def test_eight_wrong_guesses_over_case_variants_then_the_right_password_is_still_locked(client):
    from axes.models import AccessAttempt

    UserFactory(email="burmistrz@demo.local")
    variants = ["BURMISTRZ@DEMO.LOCAL", "Burmistrz@demo.local", " burmistrz@demo.local", "burmistrz@Demo.Local"]
    for attempt in range(8):
        _login(client, variants[attempt % len(variants)], "guess-%d" % attempt)
    assert _login(client, "Burmistrz@Demo.local", DEFAULT_PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"burmistrz@demo.local"}


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_failures_from_one_client_do_not_lock_another_client(client):
    user = UserFactory(email="burmistrz@demo.local")
    proxy = "10.0.0.2"

    def via_proxy(password, client_address):
        return client.post(reverse("accounts:login"), {"username": user.email, "password": password},
                           REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=client_address)

    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert via_proxy("wrong-password", "203.0.113.5").status_code == 200  # a colleague's computer
    assert via_proxy("wrong-password", "203.0.113.5").status_code == 429
    assert via_proxy(DEFAULT_PASSWORD, "203.0.113.5").status_code == 429
    assert via_proxy(DEFAULT_PASSWORD, "198.51.100.9").status_code == 302  # the authority's computer logs in


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_a_client_cannot_pick_its_address_by_prepending_to_the_header(client):
    user = UserFactory(email="burmistrz@demo.local")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        # the proxy appends the real address; what the client wrote in front of it is not believed
        client.post(reverse("accounts:login"), {"username": user.email, "password": "wrong-password"},
                    REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}, 203.0.113.5")
    locked = client.post(reverse("accounts:login"), {"username": user.email, "password": DEFAULT_PASSWORD},
                         REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.5")
    assert locked.status_code == 429


def test_without_a_trusted_proxy_a_spoofed_forwarded_for_does_not_change_the_address_counted(client):
    from axes.models import AccessAttempt

    assert settings.TRUSTED_PROXY_COUNT == 0  # the default: trust no proxy
    user = UserFactory(email="burmistrz@demo.local")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": user.email, "password": "wrong-password"},
                    REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.10"}
    spoofed = client.post(reverse("accounts:login"), {"username": user.email, "password": DEFAULT_PASSWORD},
                          REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert spoofed.status_code == 429  # a new address in the header is not a new address


def test_axes_itself_counts_the_normalised_address_whatever_form_posts_it(rf):
    """Besides the login form's own cleaning: any form axes watches (the admin's login too)."""
    from axes.helpers import get_client_username

    request = rf.post("/admin/login/", {"username": " KOLO@Demo.local"})
    assert get_client_username(request) == "kolo@demo.local"
    assert get_client_username(request, {"username": "Kolo@DEMO.local "}) == "kolo@demo.local"
