"""Repeated failed logins lock that account from that address for a while (django-axes);
sessions end after an hour without activity."""
import pytest
from django.conf import settings
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
