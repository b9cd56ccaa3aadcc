"""PDFs of the merit evaluation: a member's own score sheet, any submitted sheet for the
chair/secretary/clerks, and the summary table before and after the chair closes the stage.

The state is built with the merit services (tests_support.merit). Text is read with
pdftotext (poppler-utils), as a reader copying from the PDF would get it. Strings not yet in
the Polish catalogue are compared with their translation, whatever it is today."""
import io
import re
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

from competition.models import Call, CommissionMember
from core.money import format_amount
from evaluation.merit import rules as rules_merit
from evaluation.merit import services as services_merit
from evaluation.models import Declaration, MeritResult, ScoreSheet
from tests_support.factories import UserFactory
from tests_support.merit import declare_all, merit_call, score
from tests_support.pdf import pdf_text

pytestmark = pytest.mark.django_db

JUSTIFICATION = 'Plan spójny <b>„Łączy”</b> & harmonogram realny'
OPINION = "Oferta wartościowa; zwracam uwagę na kosztorys działania D."


# --- the state ---------------------------------------------------------------------------------------


@pytest.fixture
def mc(reference_call, clerk):
    """Three offers; chair, two members, an expert and a secretary (scoring).

    Offer 1: chair submitted (all maxima), member 1 submitted (2 per part), member 2 a draft,
    the secretary declared but has not started. Offer 2: member 2 excluded, the chair
    submitted. The expert gave an opinion on offer 1."""
    mc = merit_call(reference_call, clerk)
    Call.objects.filter(pk=mc.call.pk).update(commission_order_number="Zarządzenie nr 77/2019",
                                              commission_order_date=date(2019, 5, 21))
    mc.secretary = CommissionMember.objects.create(
        call=mc.call, user=UserFactory(full_name="Sylwia Sekretarz"),
        role=CommissionMember.Role.SECRETARY, kind=CommissionMember.Kind.CITY)
    first, second, _third = mc.offers
    member, ngo = mc.members
    declare_all(mc, conflicts={(ngo, second)})
    for offer in mc.offers:
        services_merit.declaration_make(seat=mc.secretary, offer=offer, conflict=False, grounds=[])
    mc.top = score(mc.chair, first)
    mc.low = score(member, first, 2)
    mc.draft = score(ngo, first, 1, submit=False)
    mc.second = score(mc.chair, second, 3)
    mc.opinion = services_merit.sheet_save(seat=mc.expert, offer=first,
                                           data=services_merit.SheetInput(opinion=OPINION), submit=True)
    mc.call = Call.objects.get(pk=mc.call.pk)
    return mc


def _close(mc):
    return services_merit.merit_close(call=mc.call, by=mc.chair.user, reason="Posiedzenie komisji 5.06.2019")


# --- helpers -----------------------------------------------------------------------------------------


def _pl(message: str) -> str:
    """The Polish text of a message, as the PDF (always rendered in Polish) prints it."""
    with translation.override("pl"):
        return gettext(message)




def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _sheet_url(mc, offer) -> str:
    return reverse("merit_pdf:sheet", kwargs={"slug": mc.call.slug, "offer_pk": offer.pk})


def _any_url(mc, sheet) -> str:
    return reverse("merit_pdf:any_sheet", kwargs={"slug": mc.call.slug, "sheet_pk": sheet.pk})


def _summary_url(mc) -> str:
    return reverse("merit_pdf:summary", kwargs={"slug": mc.call.slug})


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def _mean(*totals: int) -> str:
    return format_amount(rules_merit.two_places(Fraction(sum(totals), len(totals))))


# --- a member's own sheet ----------------------------------------------------------------------------


def test_a_member_prints_their_own_submitted_sheet_with_points_total_and_declaration(client, mc):
    first = mc.offers[0]
    text = pdf_text(_get(client, mc.chair.user, _sheet_url(mc, first)))
    flat = _flat(text)
    assert mc.top.total == 47  # 40 judged + f 5 (two LPR projects) + g 2 (two offerors) + h 0 (three zones)
    assert "47 / 65" in flat
    assert first.number in flat and first.title in flat
    assert "Anna Przewodnicząca" in flat
    assert "Zarządzenie nr 77/2019" in flat
    declaration = Declaration.objects.get(member=mc.chair, offer=first)
    assert declaration.text.splitlines()[0][:60] in flat  # the statement as signed
    assert "Uzasadnienie a" in flat
    assert "Chemiczna" in flat  # the zones the computed count read
    assert _pl("DRAFT – not submitted") not in flat


def test_a_draft_sheet_prints_with_the_draft_mark_on_every_page(client, mc):
    response = _get(client, mc.members[1].user, _sheet_url(mc, mc.offers[0]))
    text = pdf_text(response)
    mark = _pl("DRAFT – not submitted")
    assert mark in _flat(text)
    reader = PdfReader(io.BytesIO(response.content))
    for page in reader.pages:
        assert mark in _flat(page.extract_text())


def test_a_reopened_sheet_prints_as_a_draft_with_the_chairs_reason(client, mc):
    services_merit.sheet_reopen(sheet=mc.low, by=mc.chair.user, reason="Pomyłka w kryterium e")
    flat = _flat(pdf_text(_get(client, mc.members[0].user, _sheet_url(mc, mc.offers[0]))))
    assert _pl("DRAFT – not submitted") in flat
    assert "Pomyłka w kryterium e" in flat


def test_user_text_is_escaped_not_rendered_as_markup(client, mc):
    ScoreSheet.objects.get(pk=mc.top.pk).scores.filter(criterion__code="b").update(justification=JUSTIFICATION)
    flat = _flat(pdf_text(_get(client, mc.chair.user, _sheet_url(mc, mc.offers[0]))))
    assert JUSTIFICATION in flat  # the tags are printed as typed, the ampersand too


@pytest.mark.parametrize("who, offer_index", [
    ("secretary", 0),   # declared, no sheet yet
    ("ngo", 1),         # excluded by a declared conflict
    ("expert", 1),      # no sheet for this offer
    ("outsider", 0),    # not on the commission
    ("anonymous", 0),
])
def test_a_members_sheet_pdf_is_404_without_an_own_sheet(client, mc, who, offer_index):
    users = {"secretary": mc.secretary.user, "ngo": mc.members[1].user, "expert": mc.expert.user,
             "outsider": UserFactory(), "anonymous": None}
    response = _get(client, users[who], _sheet_url(mc, mc.offers[offer_index]))
    assert response.status_code == 404


def test_an_excluded_member_cannot_print_a_sheet_written_before_the_conflict(client, mc):
    member = mc.members[0]
    services_merit.declaration_make(seat=member, offer=mc.offers[0], conflict=True, grounds=[4],
                                    explanation="Żona jest członkinią zarządu oferenta.")
    assert _get(client, member.user, _sheet_url(mc, mc.offers[0])).status_code == 404


def test_the_sheet_url_shows_only_the_requesting_members_sheet(client, mc):
    """Member 1 asking for offer 2 (where only the chair has a sheet) gets 404, not the chair's sheet."""
    assert _get(client, mc.members[0].user, _sheet_url(mc, mc.offers[1])).status_code == 404


# --- any submitted sheet -----------------------------------------------------------------------------


def test_the_chair_prints_any_submitted_sheet_during_scoring(client, mc):
    flat = _flat(pdf_text(_get(client, mc.chair.user, _any_url(mc, mc.low))))
    assert mc.low.total == 34  # 27 judged + 7 from the scales
    assert "34 / 65" in flat
    assert "Bogdan Urzędowy" in flat


@pytest.mark.parametrize("who", ["secretary", "clerk", "admin_user"])
def test_the_secretary_and_clerks_print_any_sheet_only_after_closing(client, mc, request, who):
    """Nobody but the chair reads points before the stage closes (as on the progress page)."""
    user = mc.secretary.user if who == "secretary" else request.getfixturevalue(who)
    assert _get(client, user, _any_url(mc, mc.low)).status_code == 404
    _close(mc)
    client.logout()
    assert "34 / 65" in _flat(pdf_text(_get(client, user, _any_url(mc, mc.low))))


@pytest.mark.parametrize("who", ["member", "expert", "mayor", "outsider", "anonymous"])
def test_others_cannot_print_someone_elses_sheet(client, mc, request, who):
    users = {"member": mc.members[1].user, "expert": mc.expert.user, "outsider": UserFactory(), "anonymous": None}
    user = users[who] if who in users else request.getfixturevalue(who)
    assert _get(client, user, _any_url(mc, mc.top)).status_code == 404


def test_a_draft_sheet_is_not_printed_through_the_chairs_link(client, mc):
    assert _get(client, mc.chair.user, _any_url(mc, mc.draft)).status_code == 404


def test_a_sheet_is_reached_only_through_its_own_call(client, mc, clerk, draft_call):
    for slug in ("no-such-call", draft_call.slug):
        url = reverse("merit_pdf:any_sheet", kwargs={"slug": slug, "sheet_pk": mc.top.pk})
        assert _get(client, clerk, url).status_code == 404


def test_the_experts_opinion_prints_without_points(client, mc):
    flat = _flat(pdf_text(_get(client, mc.chair.user, _any_url(mc, mc.opinion))))
    assert OPINION in flat
    assert "Edward Ekspert" in flat
    assert "/ 65" not in flat


# --- the summary -------------------------------------------------------------------------------------


def test_the_summary_before_closing_shows_live_totals_means_and_states(client, mc):
    response = _get(client, mc.chair.user, _summary_url(mc))
    text = pdf_text(response)
    flat = _flat(text)
    assert _pl("preliminary results (evaluation in progress)") in flat
    first_row = next(line for line in text.splitlines() if line.strip().startswith(mc.offers[0].number))
    assert "47" in first_row and "34" in first_row
    assert _mean(47, 34) == "40,50"
    assert "40,50" in first_row
    assert _pl("in progress") in first_row  # member 2's draft
    assert "34–47" in first_row
    second_row = next(line for line in text.splitlines() if line.strip().startswith(mc.offers[1].number))
    assert _pl("excl.") in second_row
    assert "Sekretarz" in flat and "Edward Ekspert" in flat  # member columns; the expert in the legend
    reader = PdfReader(io.BytesIO(response.content))
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert width > height  # landscape A4


def test_the_summary_has_the_criterion_means(client, mc):
    text = pdf_text(_get(client, mc.chair.user, _summary_url(mc)))
    lines = [line for line in text.splitlines() if line.strip().startswith(mc.offers[0].number)]
    assert len(lines) == 2  # the totals table and the per-criterion table
    means = lines[1]
    assert "8,00" in means  # criterion a: (10 + 6) / 2
    assert "40,50" in means


def test_the_summary_after_closing_prints_the_fixed_results_ranked(client, mc):
    _close(mc)
    results = {r.offer_id: r for r in MeritResult.objects.filter(offer__call=mc.call)}
    assert results[mc.offers[0].pk].score == Decimal("40.50")
    text = pdf_text(_get(client, mc.members[1].user, _summary_url(mc)))
    flat = _flat(text)
    assert _pl("preliminary results (evaluation in progress)") not in flat
    rows = [line.strip() for line in text.splitlines() if re.match(r"\s*\d+\.\s+\d{3}\b", line)]
    assert mc.second.total == 41  # the chair's single sheet for offer 2 beats offer 1's mean
    assert [row.split()[:2] for row in rows] == [["1.", mc.offers[1].number], ["2.", mc.offers[0].number]]
    assert "41,00" in rows[0] and "40,50" in rows[1]
    unscored = next(line for line in text.splitlines() if line.strip().startswith("—") and mc.offers[2].number in line)
    assert re.search(r"\b0\s?\*", unscored)  # no sheet: no place, no quorum


def test_the_chair_reads_the_summary_at_any_time(client, mc):
    assert _get(client, mc.chair.user, _summary_url(mc)).status_code == 200


@pytest.mark.parametrize("who", ["secretary", "clerk", "admin_user"])
def test_the_secretary_and_clerks_read_the_summary_after_closing(client, mc, request, who):
    user = mc.secretary.user if who == "secretary" else request.getfixturevalue(who)
    assert _get(client, user, _summary_url(mc)).status_code == 404
    _close(mc)
    client.logout()
    assert _get(client, user, _summary_url(mc)).status_code == 200


@pytest.mark.parametrize("who", ["member", "expert", "mayor"])
def test_members_and_the_mayor_read_the_summary_only_after_closing(client, mc, request, who):
    users = {"member": mc.members[0].user, "expert": mc.expert.user}
    user = users.get(who) or request.getfixturevalue(who)
    assert _get(client, user, _summary_url(mc)).status_code == 404
    _close(mc)
    client.logout()
    assert _get(client, user, _summary_url(mc)).status_code == 200


@pytest.mark.parametrize("who", ["outsider", "applicant", "anonymous"])
def test_nobody_else_reads_the_summary_even_after_closing(client, mc, request, who):
    _close(mc)
    user = None if who == "anonymous" else request.getfixturevalue(who)
    assert _get(client, user, _summary_url(mc)).status_code == 404


def test_the_summary_of_a_call_before_the_merit_evaluation_is_404(client, reference_call, clerk):
    url = reverse("merit_pdf:summary", kwargs={"slug": reference_call.slug})
    assert _get(client, clerk, url).status_code == 404
