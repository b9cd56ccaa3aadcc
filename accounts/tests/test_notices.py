"""The user's notices: the list (only mine, newest first, new ones labelled and then read),
the unread count in the menu, and the latest notices on the dashboard."""
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Notice
from tests_support.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST = "accounts:notice_list"


def _notice(user, title, *, minutes_ago=0, read=False, url="/my/"):
    created = timezone.now() - timedelta(minutes=minutes_ago)
    return Notice.objects.create(user=user, title=title, body=f"Treść: {title}", url=url, created_at=created,
                                 read_at=created if read else None)


def _menu_count(html: str) -> int:
    match = re.search(r'id="nav-notices"[^>]*>.*?<span data-unread-count>(\d+)</span>', html, re.S)
    assert match, "no notices link in the menu"
    return int(match.group(1))


def test_the_list_needs_a_login(client):
    response = client.get(reverse(LIST))
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_the_list_shows_only_my_notices_newest_first(client, applicant):
    stranger = UserFactory()
    _notice(applicant, "Oferta 001 dopuszczona", minutes_ago=10)
    _notice(applicant, "Oferta 002 odrzucona", minutes_ago=1)
    _notice(stranger, "Cudze powiadomienie – oferta 003")
    client.force_login(applicant)
    html = client.get(reverse(LIST)).content.decode()
    assert "Oferta 001 dopuszczona" in html and "Oferta 002 odrzucona" in html
    assert "Cudze powiadomienie" not in html
    assert html.index("Oferta 002 odrzucona") < html.index("Oferta 001 dopuszczona")


def test_unread_notices_are_labelled_in_words_and_opening_the_list_marks_them_read(client, applicant):
    stranger = UserFactory()
    fresh = _notice(applicant, "Nowe: wynik oceny formalnej")
    old = _notice(applicant, "Przeczytane wcześniej", minutes_ago=60, read=True)
    theirs = _notice(stranger, "Cudze")
    client.force_login(applicant)
    html = client.get(reverse(LIST)).content.decode()
    items = re.findall(r"<li[^>]*>.*?</li>", html[html.index('id="notices"'):], re.S)
    new_item = next(i for i in items if fresh.title in i)
    old_item = next(i for i in items if old.title in i)
    assert ">nowe<" in new_item and "data-unread" in new_item  # text, not colour alone
    assert ">nowe<" not in old_item
    fresh.refresh_from_db()
    theirs.refresh_from_db()
    assert fresh.read_at is not None
    assert theirs.read_at is None  # another user's notices are never touched
    assert ">nowe<" not in client.get(reverse(LIST)).content.decode()


def test_each_notice_links_to_its_page_and_only_to_a_local_one(client, applicant):
    _notice(applicant, "Z linkiem", url="/offers/12/")
    _notice(applicant, "Zły link", url="javascript:alert(1)")
    client.force_login(applicant)
    html = client.get(reverse(LIST)).content.decode()
    assert '<a href="/offers/12/">Z linkiem</a>' in html
    assert "javascript:" not in html


def test_the_menu_shows_the_unread_count_in_one_query(client, applicant):
    _notice(applicant, "Pierwsze")
    _notice(applicant, "Drugie")
    _notice(applicant, "Stare", read=True)
    _notice(UserFactory(), "Cudze")
    client.force_login(applicant)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("accounts:profile")).content.decode()
    assert _menu_count(html) == 2
    assert "Powiadomienia (" in re.sub(r"<[^>]+>", "", html)
    assert sum("accounts_notice" in q["sql"] for q in queries.captured_queries) == 1
    client.get(reverse(LIST))
    assert _menu_count(client.get(reverse("accounts:profile")).content.decode()) == 0


def test_anonymous_visitors_have_no_notices_in_the_menu(client, reference_call):
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("competition:call_list")).content.decode()
    assert 'id="nav-notices"' not in html
    assert not any("accounts_notice" in q["sql"] for q in queries.captured_queries)


def test_the_dashboard_shows_my_latest_five_notices(client, applicant):
    for n in range(7):
        _notice(applicant, f"Powiadomienie nr {n}", minutes_ago=100 - n)  # nr 6 is the newest
    _notice(UserFactory(), "Cudze powiadomienie")
    client.force_login(applicant)
    html = client.get(reverse("offers_dashboard")).content.decode()
    match = re.search(r'<section[^>]*id="my-notices"[^>]*>(.*?)</section>', html, re.S)
    assert match, "no notices on the dashboard"
    section = match.group(1)
    assert [int(n) for n in re.findall(r">Powiadomienie nr (\d)<", section)] == [6, 5, 4, 3, 2]
    assert "Cudze" not in section
    assert section.count(">nowe<") == 5
    assert reverse(LIST) in section
    assert html.index('id="my-notices"') < html.index('id="my-organisations"')  # at the top
