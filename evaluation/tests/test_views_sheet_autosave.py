"""The score sheet while it is being written: autosave, the session that ends, the short summary
of what stops a submission, the live sum's starting point and the two-column page."""
import json

import pytest
from django.urls import reverse

from evaluation.models import MeritEvent, ScoreSheet
from evaluation.tests.test_views_member import criterion, login, sheet_post, url
from tests_support.merit import declare_all, merit_call

pytestmark = pytest.mark.django_db


@pytest.fixture
def mc(reference_call, clerk):
    return merit_call(reference_call, clerk)


def autosave(client, address, data):
    return client.post(address, data, HTTP_X_AUTOSAVE="1", HTTP_ACCEPT="application/json")


def draft(mc, offer, **overrides) -> dict:
    post = sheet_post(mc, offer, **overrides)
    post.pop("save", None)
    return post


def test_an_autosave_saves_a_draft_and_answers_the_new_revision(client, mc):
    declare_all(mc)
    seat, offer = mc.members[0], mc.offers[0]
    a = criterion(mc, "a")
    login(client, seat)
    response = autosave(client, url("sheet", mc, offer), draft(mc, offer, revision="",
                                                                 **{f"justification-{a.pk}": "Pisane w biegu"}))
    assert response.status_code == 200
    body = json.loads(response.content)
    sheet = ScoreSheet.objects.get(member=seat, offer=offer)
    assert body["ok"] and body["revision"] == sheet.revision == 1 and body["saved_at"]
    assert not sheet.is_submitted  # an autosave never submits, whatever is posted
    assert sheet.scores.get(criterion_id=a.pk).justification == "Pisane w biegu"
    again = autosave(client, url("sheet", mc, offer), draft(mc, offer, revision="1", submit="1"))
    assert json.loads(again.content)["revision"] == 2
    assert not ScoreSheet.objects.get(pk=sheet.pk).is_submitted


def test_autosaves_that_change_no_points_leave_no_history_rows(client, mc):
    declare_all(mc)
    seat, offer = mc.members[0], mc.offers[0]
    a = criterion(mc, "a")
    login(client, seat)
    autosave(client, url("sheet", mc, offer), draft(mc, offer, revision=""))
    saved = MeritEvent.objects.filter(kind=MeritEvent.Kind.SAVED).count()
    assert saved == 1  # the points appeared: recorded
    autosave(client, url("sheet", mc, offer), draft(mc, offer, revision="1", **{f"justification-{a.pk}": "Zmiana"}))
    assert MeritEvent.objects.filter(kind=MeritEvent.Kind.SAVED).count() == saved


def test_an_unreadable_value_is_not_saved_and_the_answer_says_why(client, mc):
    declare_all(mc)
    offer = mc.offers[0]
    part = criterion(mc, "a").subcriteria.first()
    login(client, mc.members[0])
    response = autosave(client, url("sheet", mc, offer), draft(mc, offer, revision="", **{f"part-{part.pk}": "dużo"}))
    assert response.status_code == 400 and json.loads(response.content)["errors"]
    assert not ScoreSheet.objects.exists()


def test_an_autosave_based_on_an_older_revision_is_refused_as_a_conflict(client, mc):
    declare_all(mc)
    offer = mc.offers[0]
    login(client, mc.members[0])
    autosave(client, url("sheet", mc, offer), draft(mc, offer, revision=""))
    autosave(client, url("sheet", mc, offer), draft(mc, offer, revision="1"))
    stale = autosave(client, url("sheet", mc, offer), draft(mc, offer, revision="1"))
    assert stale.status_code == 409 and json.loads(stale.content)["message"]


def test_a_submitted_sheet_refuses_autosaves(client, mc):
    declare_all(mc)
    offer = mc.offers[0]
    login(client, mc.members[0])
    client.post(url("sheet", mc, offer), sheet_post(mc, offer, submit=True))
    assert ScoreSheet.objects.get().is_submitted
    assert autosave(client, url("sheet", mc, offer), draft(mc, offer, revision="1")).status_code == 403


def test_when_the_session_has_ended_what_was_typed_waits_for_after_the_login(client, mc):
    declare_all(mc)
    seat, offer = mc.members[0], mc.offers[0]
    a = criterion(mc, "a")
    address = url("sheet", mc, offer)
    response = autosave(client, address, draft(mc, offer, revision="", **{f"justification-{a.pk}": "Nie zginie"}))
    assert response.status_code == 401 and json.loads(response.content)["login_url"].startswith(
        reverse("accounts:login"))
    login(client, seat)  # the same session, as after logging in again
    page = client.get(address).content.decode()
    assert "Nie zginie" in page and not ScoreSheet.objects.exists()  # shown again, saved only when the member saves


def test_an_incomplete_submission_gets_one_line_per_criterion_linked_to_its_first_field(client, mc):
    declare_all(mc)
    offer = mc.offers[0]
    login(client, mc.members[0])
    empty = {key: "" for key in draft(mc, offer) if key.startswith(("part-", "justification-"))}
    response = client.post(url("sheet", mc, offer), {**empty, "submit": "1", "revision": ""})
    errors = response.context["errors"]
    judged = [c for c in response.context["page"].rows if c.criterion.kind == "judgement"]
    assert len(judged) == 5 and len(errors) == 6  # a) to e) and f)'s count, not one line per empty box (17)
    first = judged[0].criterion
    assert errors[0]["href"] == f"#id_part-{first.parts[0].pk}"
    assert errors[0]["text"].startswith(f"Kryterium {first.code})") and "uzasadnienie" in errors[0]["text"]
    html = response.content.decode()
    assert 'id="error-summary" tabindex="-1"' in html and "js/focus_errors.js" in html


def test_the_sheet_page_puts_the_sheet_before_the_offer_with_the_live_sum_and_its_script(client, mc):
    declare_all(mc)
    offer = mc.offers[0]
    html = login(client, mc.members[0]).get(url("sheet", mc, offer)).content.decode()
    assert html.index('id="sheet-heading"') < html.index('id="offer-heading"')
    assert 'class="sheet-pane sheet-pane-offer" id="offer" tabindex="0"' in html
    assert "data-live-total" in html and "js/score_sheet.js" in html
    assert 'data-storage-key="sheet-%s-%s"' % (mc.members[0].pk, offer.pk) in html
    assert 'data-missing-few="({n} kryteria niepełne)"' in html
