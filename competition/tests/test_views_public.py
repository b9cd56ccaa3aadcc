"""The public pages: the list of calls on `/` and a call's page. Every role reads them the same
way; drafts are 404 for everyone. Assertions use data (amounts, codes, element ids), not
translated labels, so they hold in either interface language."""
import re
from datetime import timedelta
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from competition.models import Call
from conftest import ROLE_FIXTURES
from tests_support.factories import CallFactory

REFERENCE_BUDGETS = {"A": "30 000,00 zł", "B": "5 000,00 zł", "C": "7 200,00 zł", "D": "24 000,00 zł"}
REFERENCE_ZONES = ["Chemiczna", "Kolejki Leśne", "Chopina", "Lipowa I", "Międzytory", "Mostowa", "Centrum-Millenium"]


def _text(html: str) -> str:
    """Visible text with tags removed and whitespace collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _section(html: str, section_id: str) -> str:
    match = re.search(rf'<section[^>]*id="{section_id}"[^>]*>(.*?)</section>', html, re.S)
    assert match, f"no section #{section_id}"
    return match.group(1)


def _cell(html: str, attribute: str) -> str:
    match = re.search(rf"<td[^>]*{attribute}[^>]*>(.*?)</td>", html, re.S)
    assert match, f"no cell with {attribute}"
    return _text(match.group(1))


@pytest.fixture
def calls_in_every_group(db):
    now = timezone.now()
    return {
        "open": CallFactory(published=True, title="Nabór trwa"),
        "upcoming": CallFactory(
            published=True, title="Nabór za tydzień", submission_start=now + timedelta(days=7)
        ),
        "closed": CallFactory(
            published=True,
            title="Nabór minął",
            submission_deadline=now - timedelta(days=3),
        ),
        "decided": CallFactory(published=True, title="Rozstrzygnięty", state=Call.State.DECIDED,
                               submission_deadline=now - timedelta(days=40)),
        "draft": CallFactory(title="Projekt ogłoszenia"),
    }


def test_list_groups_calls_into_open_upcoming_and_closed(client, calls_in_every_group):
    response = client.get(reverse("competition:call_list"))

    assert response.status_code == 200
    groups = response.context["groups"]
    assert [c.title for c in groups["open"]] == ["Nabór trwa"]
    assert [c.title for c in groups["upcoming"]] == ["Nabór za tydzień"]
    assert [c.title for c in groups["closed"]] == ["Nabór minął", "Rozstrzygnięty"]  # latest deadline first
    html = response.content.decode()
    assert "Nabór trwa" in _section(html, "calls-open")
    assert "Nabór za tydzień" in _section(html, "calls-upcoming")
    closed = _section(html, "calls-closed")
    assert "Nabór minął" in closed and "Rozstrzygnięty" in closed


def test_list_never_shows_a_draft(client, calls_in_every_group):
    response = client.get(reverse("competition:call_list"))

    assert "Projekt ogłoszenia" not in response.content.decode()
    assert calls_in_every_group["draft"].get_absolute_url() not in response.content.decode()


def test_open_call_has_a_server_rendered_countdown_and_the_script(client, calls_in_every_group):
    html = client.get(reverse("competition:call_list")).content.decode()

    deadline = calls_in_every_group["open"].submission_deadline
    match = re.search(r'<span class="countdown" data-deadline="([^"]+)">([^<]+)</span>', _section(html, "calls-open"))
    assert match, "the open call has no countdown"
    assert match.group(1) == timezone.localtime(deadline).isoformat()
    assert re.search(r"\d", match.group(2)), "the fallback text (without JavaScript) shows the time left"
    assert "js/countdown.js" in html
    assert "countdown" not in _section(html, "calls-closed")


def test_list_without_open_calls_loads_no_countdown_script(client, db):
    CallFactory(published=True, submission_deadline=timezone.now() - timedelta(days=1))

    html = client.get(reverse("competition:call_list")).content.decode()

    assert "js/countdown.js" not in html


def test_list_queries_do_not_grow_with_the_number_of_calls(client, db, django_assert_max_num_queries):
    for _ in range(8):
        CallFactory(published=True)

    # the count, the page of calls, their actions; the authorities with their counts and the fields of
    # public tasks (the filters' choices)
    with django_assert_max_num_queries(5):
        client.get(reverse("competition:call_list"))


def test_detail_queries_are_bounded(client, reference_call, django_assert_max_num_queries):
    with django_assert_max_num_queries(11):  # the call, 8 prefetched parts of it, its events (+1 spare)
        client.get(reference_call.get_absolute_url())


def test_detail_shows_each_action_budget_and_the_total(client, reference_call):
    response = client.get(reference_call.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    for code, amount in REFERENCE_BUDGETS.items():
        assert _cell(html, f'data-action="{code}"') == amount
    assert _cell(html, "data-total") == "66 200,00 zł"


def test_detail_shows_every_number_of_the_announcement(client, reference_call):
    html = client.get(reference_call.get_absolute_url()).content.decode()
    text = _text(html)

    zones = re.search(r'<ul id="zones"[^>]*>(.*?)</ul>', html, re.S).group(1)
    assert [_text(z) for z in re.findall(r"<li>(.*?)</li>", zones)] == REFERENCE_ZONES
    for number in ("90,00%", "15,00%", "65"):  # grant share, admin share, maximum points
        assert number in text
    for code in ("1a", "1b", "6", "7", "10", "11", "12", "20", "21", "22", "23"):  # LPR projects
        assert re.search(rf"\b{code}\b", text)
    for moment in (reference_call.submission_deadline, reference_call.confirmation_deadline):
        assert f'datetime="{timezone.localtime(moment).isoformat()}"' in html
    for minimum in ("100", "60", "120", "12"):  # a few indicator minimums
        assert re.search(rf"\b{minimum}\b", text)


def test_detail_history_shows_the_stage_label_not_its_code(client, reference_call):
    html = client.get(reference_call.get_absolute_url()).content.decode()

    history = _text(re.search(r'<ul id="history">(.*?)</ul>', html, re.S).group(1))
    assert f": {Call.State.PUBLISHED.label}" in history
    assert ": published" not in history


def test_detail_links_the_announcement_pdf(client, reference_call):
    html = client.get(reference_call.get_absolute_url()).content.decode()

    assert reverse("reports:announcement_pdf", kwargs={"slug": reference_call.slug}) in html


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_draft_is_404_for_every_role(as_role, role, draft_call):
    client = as_role(role)

    assert client.get(draft_call.get_absolute_url()).status_code == 404
    assert draft_call.title not in client.get(reverse("competition:call_list")).content.decode()


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_every_role_can_read_the_public_pages(as_role, role, reference_call):
    client = as_role(role)

    listing = client.get(reverse("competition:call_list"))
    detail = client.get(reference_call.get_absolute_url())

    assert listing.status_code == 200
    assert reference_call.get_absolute_url() in listing.content.decode()
    assert detail.status_code == 200
    assert _cell(detail.content.decode(), "data-total") == "66 200,00 zł"


@pytest.mark.parametrize("url_name", ["competition:call_list", "competition:call_detail"])
def test_pages_have_one_h1_a_skip_link_and_the_language(client, reference_call, url_name):
    url = reverse(url_name, kwargs={"slug": reference_call.slug} if url_name.endswith("detail") else None)

    html = client.get(url).content.decode()

    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert re.search(r'<html lang="pl">', html)
    assert 'href="#main"' in html and 'id="main"' in html
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), f"a heading level is skipped: {levels}"


def test_detail_tables_have_captions_and_scoped_headers(client, reference_call):
    html = client.get(reference_call.get_absolute_url()).content.decode()

    tables = re.findall(r"<table.*?</table>", html, re.S)
    assert len(tables) == 6  # budgets + one per action + one per public document (the announcement)
    for table in tables:
        assert "<caption" in table
        assert all("scope=" in th for th in re.findall(r"<th(?:\s[^>]*)?>", table))


def test_english_interface_keeps_the_call_text_marked_polish(client, reference_call):
    html = client.get(reference_call.get_absolute_url(), HTTP_COOKIE="django_language=en").content.decode()

    assert '<html lang="en">' in html
    assert re.search(r'<h1 class="h2" lang="pl">', html)


def test_public_template_strings_are_translated_to_polish():
    """Every msgid of the public pages has a Polish msgstr (the .po is shared; this guards ours)."""
    po = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "pl" / "LC_MESSAGES" / "django.po"))
    ours = ("competition/templates/competition/call_", "competition/templates/competition/includes/")
    entries = [e for e in po if any(path.startswith(ours) for path, _ in e.occurrences)]

    assert len(entries) > 40
    untranslated = [e.msgid for e in entries if not e.translated()]
    assert untranslated == []


def test_published_call_past_its_deadline_reads_as_closed_not_accepting_offers(client, calls_in_every_group):
    call = calls_in_every_group["closed"]

    detail = _text(re.search(r'<div class="alert[^"]*" id="stage">(.*?)</div>', client.get(call.get_absolute_url()).content.decode(), re.S).group(1))
    listing = _text(_section(client.get(reverse("competition:call_list")).content.decode(), "calls-closed"))

    assert str(Call.State.SUBMISSION_CLOSED.label) in detail
    assert str(Call.State.PUBLISHED.label) not in detail
    assert "countdown" not in detail
    assert str(Call.State.PUBLISHED.label) not in listing


def test_upcoming_call_page_says_when_submissions_open(client, calls_in_every_group):
    call = calls_in_every_group["upcoming"]

    html = client.get(call.get_absolute_url()).content.decode()

    stage = re.search(r'<div class="alert[^"]*" id="stage">(.*?)</div>', html, re.S).group(1)
    assert f'datetime="{timezone.localtime(call.submission_start).isoformat()}"' in stage
    assert "js/countdown.js" not in html
