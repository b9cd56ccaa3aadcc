"""The warning before the session ends, in a real browser (WCAG 2.1, 2.2.1): a modal dialog two
minutes (here: the session's last seconds) before the end, extended with one button; after the end
the typed text stays, and once the user has logged in again elsewhere "Continue" gives the page's
form a fresh token so that it can be sent."""
import pytest
from django.conf import settings
from django.test import Client, override_settings
from playwright.sync_api import Page, expect

from accounts.models import User
from tests_support.factories import UserFactory


def _session_cookie(page: Page, live_server, user: User) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@override_settings(SESSION_COOKIE_AGE=130, SESSION_WARN_BEFORE=126, SESSION_REFRESH_AFTER=1)
def test_the_warning_opens_before_the_end_and_one_button_extends_the_session(live_server, page: Page):
    user = UserFactory(full_name="Teresa Testowa")
    _session_cookie(page, live_server, user)
    page.goto(f"{live_server.url}/accounts/profile/")
    dialog = page.locator("#session-timeout")
    expect(dialog).to_be_visible(timeout=15_000)  # opens with 126 of 130 s left
    expect(dialog.get_by_role("heading", name="Sesja wkrótce wygaśnie")).to_be_visible()
    expect(dialog.locator("[data-extend]")).to_be_focused()
    dialog.get_by_role("button", name="Przedłuż sesję").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#session-timeout-status")).to_have_text("Sesja została przedłużona.")
    state = page.evaluate("fetch('/accounts/session/').then(r => r.json())")
    assert state["authenticated"] and state["seconds_left"] >= 120


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@override_settings(SESSION_COOKIE_AGE=8, SESSION_WARN_BEFORE=6, SESSION_REFRESH_AFTER=1)
def test_after_the_end_the_typed_text_stays_and_continue_renews_the_forms_token(live_server, page: Page):
    user = UserFactory(full_name="Teresa Testowa")
    _session_cookie(page, live_server, user)
    page.goto(f"{live_server.url}/accounts/profile/")
    token_before = page.locator("input[name='csrfmiddlewaretoken']").first.input_value()
    page.context.clear_cookies()  # the session is gone (as when it ends on the server)
    dialog = page.locator("#session-timeout")
    expect(dialog.get_by_role("heading", name="Sesja wygasła")).to_be_visible(timeout=20_000)
    dialog.get_by_role("button", name="Kontynuuj").click()
    expect(dialog.get_by_text("Nie zalogowano się jeszcze.")).to_be_visible()

    with override_settings(SESSION_COOKIE_AGE=3600, SESSION_REFRESH_AFTER=300):
        _session_cookie(page, live_server, user)  # logged in again "in another tab"
        dialog.get_by_role("button", name="Kontynuuj").click()
        expect(dialog).to_be_hidden()
    token_after = page.locator("input[name='csrfmiddlewaretoken']").first.input_value()
    assert token_after and token_after != token_before
