"""How long a session has left (`core.session_time.seconds_left`), and the two answers the page's
warning asks for (`accounts.views_session`): the status renews nothing, extending renews the whole
length; an anonymous visitor learns only that there is no session."""
import time

import pytest
from django.urls import reverse

from core.middleware import SEEN
from core.session_time import seconds_left
from tests_support.factories import UserFactory

AGE, REFRESH = 3600, 300


@pytest.mark.parametrize(("seen", "now", "left"), [
    (1000, 1000, 3600),   # renewed this very second
    (1000, 1299, 3301),   # this request renews nothing yet: the expiry stays
    (1000, 1300, 3600),   # this request renews the session
    (0, 5000, 3600),      # never renewed (an old session): this request renews it
    (2000, 1000, 3600),   # a renewal "in the future" (another clock) counts as now
])
def test_seconds_left(seen, now, left):
    assert seconds_left(seen=seen, now=now, age=AGE, refresh_after=REFRESH) == left


@pytest.mark.parametrize(("seen", "now", "left"), [(1000, 1299, 3301), (1000, 2000, 2600), (1000, 9000, 0)])
def test_seconds_left_when_asking_renews_nothing(seen, now, left):
    assert seconds_left(seen=seen, now=now, age=AGE, refresh_after=REFRESH, renews=False) == left


@pytest.mark.django_db
def test_the_status_renews_nothing_and_extending_renews_the_whole_length(client, settings):
    settings.SESSION_COOKIE_AGE, settings.SESSION_REFRESH_AFTER = AGE, REFRESH
    client.force_login(UserFactory())
    session = client.session
    session[SEEN] = int(time.time()) - 1000  # the last renewal 1000 s ago: 2600 s left
    session.save()

    state = client.get(reverse("accounts:session_status")).json()
    assert state["authenticated"] is True and 2590 <= state["seconds_left"] <= 2600 and state["csrf"]
    assert int(time.time()) - client.session[SEEN] >= 1000  # asking is not activity: nothing renewed

    assert client.get(reverse("accounts:session_extend")).status_code == 405  # extending is a POST
    state = client.post(reverse("accounts:session_extend")).json()
    assert state == {"authenticated": True, "seconds_left": AGE, "csrf": state["csrf"]}
    assert int(time.time()) - client.session[SEEN] <= 2
    assert 3590 <= client.get(reverse("accounts:session_status")).json()["seconds_left"] <= AGE


@pytest.mark.django_db
def test_an_anonymous_visitor_has_no_session_to_extend(client):
    assert client.get(reverse("accounts:session_status")).json()["authenticated"] is False
    state = client.post(reverse("accounts:session_extend")).json()
    assert state["authenticated"] is False and state["seconds_left"] == 0


@pytest.mark.django_db
def test_a_logged_in_page_carries_the_warning_and_a_public_page_for_a_visitor_does_not(client):
    assert 'id="session-timeout"' not in client.get(reverse("competition:call_list")).content.decode()
    client.force_login(UserFactory())
    page = client.get(reverse("accounts:profile")).content.decode()
    assert 'id="session-timeout"' in page and 'data-warn-before="120"' in page
    assert "Sesja wkrótce wygaśnie" in page and "Przedłuż sesję" in page
