"""Publication of the results (art. 15 ust. 2h–2j of the Act): the public page, the results
announcement PDF and the ranking PDF, with the call's statistics.

The state is built through the services, stage by stage, as tests_support.merit does, but
with one offer rejected in the formal check:

    offer  offerors  actions  zones  score  place  outcome
    001    joint     A, D     1–3    43     1      ex aequo: A 4 050 + D 4 050
    002    single    A, D     1–4    43     1      ex aequo: A 4 050 + D 4 050
    003    single    A, B     1–5    27     5      below the minimum score of 30: nothing
    004    single    A, D     1–3    32     4      A and D exhausted: nothing
    005    single    B, C     1–3    —      —      formally rejected
    006    single    A, D     1–4    34     3      A exhausted, D the remainder 1 900

with the budgets A 8 100, B 5 000, C 7 200, D 10 000 and every action asked for at 4 050,00.
Text is read from the PDFs with pdftotext (poppler-utils), as a reader copying it would get it.
"""
import io
import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from awards import services as award_services
from competition.services import publication
from competition import services as call_services
from competition.models import Action, Call, CommissionMember
from core.money import format_amount
from evaluation.formal import services as formal_services
from evaluation.merit import services as services_merit
from evaluation.models import FormalAnswer, FormalSheet
from offers.models import Offer
from tests_support.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests_support.merit import score
from tests_support.offers import make_offer
from tests_support.pdf import pdf_text

pytestmark = pytest.mark.django_db

REASON = "Oferent nie jest podmiotem uprawnionym – spółka prawa handlowego działająca dla zysku"
ORDER = "Zarządzenie nr 150/2019"
BUDGETS = {"A": D("8100.00"), "B": D("5000.00"), "C": D("7200.00"), "D": D("10000.00")}
SPECS = [  # partners, actions, zones, LPR projects, points per part (None: rejected)
    (1, ("A", "D"), 3, 2, 3),
    (0, ("A", "D"), 4, 2, 3),
    (0, ("A", "B"), 5, 3, 1),
    (0, ("A", "D"), 3, 2, 2),
    (0, ("B", "C"), 3, 2, None),
    (0, ("A", "D"), 4, 2, 2),
]


# --- building the state ----------------------------------------------------------------------------


def _offers(call, specs) -> list[Offer]:
    offers = []
    for index, (partners, codes, zones, lpr, _value) in enumerate(specs, start=1):
        lead = MembershipFactory(organisation__legal_form="association", organisation__name=f"Stowarzyszenie Łąka {index}")
        joint = [OrganisationFactory(legal_form="foundation", name=f"Fundacja Żubr {index}", with_member=True)
                 for _ in range(partners)]
        offers.append(make_offer(call=call, organisation=lead.organisation, user=lead.user, partners=joint, codes=codes,
                                 zones=zones, lpr_projects=lpr, submit=True))
    return [Offer.objects.get(pk=o.pk) for o in offers]


def _formal_check(call, clerk, offers, rejected) -> Call:
    now = timezone.now()
    Call.objects.filter(pk=call.pk).update(submission_deadline=now, confirmation_deadline=now + timedelta(days=1))
    call = call_services.call_transition(call=Call.objects.get(pk=call.pk), to=Call.State.SUBMISSION_CLOSED, by=clerk)
    call = formal_services.formal_check_start(call=call, by=clerk)
    for sheet in FormalSheet.objects.filter(offer__call=call).prefetch_related("answers"):
        answers = {a.criterion_id: (True, "Sprawdzono na papierze.") for a in sheet.answers.all()}
        if sheet.offer_id in {o.pk for o in rejected}:
            eligible = sheet.answers.get(criterion__auto_check="eligible_entity").criterion_id
            answers[eligible] = (False, REASON)
        formal_services.sheet_answer(sheet=sheet, answers=answers, by=clerk)
        formal_services.sheet_confirm(sheet=sheet, by=clerk)
    return formal_services.formal_check_close(call=call, by=clerk)


def _merit(call, admitted, values) -> Call:
    seat = CommissionMember.objects.create
    chair = seat(call=call, user=UserFactory(full_name="Anna Przewodnicząca"), role=CommissionMember.Role.CHAIR,
                 kind=CommissionMember.Kind.CITY)
    members = [chair, seat(call=call, user=UserFactory(full_name="Bogdan Urzędowy"), kind=CommissionMember.Kind.CITY),
               seat(call=call, user=UserFactory(full_name="Celina Społeczna"), kind=CommissionMember.Kind.NGO)]
    for member in members:
        for offer, value in zip(admitted, values):
            services_merit.declaration_make(seat=member, offer=offer, conflict=False, grounds=[])
            score(member, offer, value)
    return services_merit.merit_close(call=Call.objects.get(pk=call.pk), by=chair.user)


def build(call, clerk, mayor, specs=SPECS, *, publish=True) -> tuple[Call, list[Offer]]:
    """A call taken through every stage to a locked decision (and, by default, published)."""
    for code, budget in BUDGETS.items():
        Action.objects.filter(call=call, code=code).update(budget=budget)
    Call.objects.filter(pk=call.pk).update(min_recommended_score=D("30.00"))
    offers = _offers(call, specs)
    rejected = [o for o, spec in zip(offers, specs) if spec[4] is None]
    call = _formal_check(call, clerk, offers, rejected)
    admitted = [o for o in offers if o not in rejected]
    call = _merit(call, admitted, [spec[4] for spec in specs if spec[4] is not None])
    decision = award_services.decision_propose(call=call, by=clerk)
    award_services.decision_lock(decision=decision, order_number=ORDER, order_date=date(2019, 6, 14), by=mayor)
    if publish:
        award_services.results_publish(call=Call.objects.get(pk=call.pk), by=clerk)
    return Call.objects.get(pk=call.pk), [Offer.objects.get(pk=o.pk) for o in offers]


@pytest.fixture
def published(reference_call, clerk, mayor):
    return build(reference_call, clerk, mayor)


@pytest.fixture
def decided(reference_call, clerk, mayor):
    return build(reference_call, clerk, mayor, publish=False)


# --- helpers -------------------------------------------------------------------------------------------


def _url(name: str, call) -> str:
    return reverse(f"reports:{name}", kwargs={"slug": call.slug})




def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def _text(html: str) -> str:
    return _flat(re.sub(r"<[^>]+>", " ", html)).strip()


def _table(html: str, table_id: str) -> str:
    match = re.search(rf'<table[^>]*id="{table_id}"[^>]*>(.*?)</table>', html, re.S)
    assert match, f"no table #{table_id}"
    return match.group(1)


def _row(table: str, attribute: str, value: str) -> str:
    match = re.search(rf'<tr[^>]*{attribute}="{re.escape(value)}"[^>]*>(.*?)</tr>', table, re.S)
    assert match, f"no row {attribute}={value}"
    return match.group(1)


def _cells(row_html: str) -> list[str]:
    return [_text(cell) for cell in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row_html, re.S)]


def _cell(row_html: str, name: str) -> str:
    match = re.search(rf"<td[^>]*\b{name}\b[^>]*>(.*?)</td>", row_html, re.S)
    assert match, f"no cell {name}"
    return _text(match.group(1))


def _money(value) -> str:
    return f"{format_amount(D(value))} zł"



def _pl(message: str) -> str:
    """The Polish text of a message as the portal shows it today (the catalogue may not have it yet)."""
    with translation.override("pl"):
        return str(gettext(message))


def _layout_line(text: str, number: str) -> str:
    """The first line of a PDF table row: the offer number and, top-aligned beside it, its figures."""
    lines = text.splitlines()
    # the row's own line begins with its number; another row's reason may name the offer further on
    line = next((line for line in lines if re.match(rf"\s*{re.escape(number)}\s", line)), None) or next(
        (line for line in lines if re.search(rf"(^|\s){re.escape(number)}\s", line)), None)
    assert line, f"offer {number} not in the PDF"
    return line


# --- who sees what, when -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["results", "results_pdf", "ranking_pdf"])
def test_the_results_are_404_until_they_are_published(client, decided, clerk, name):
    call, _offers = decided
    assert Call.objects.get(pk=call.pk).state == Call.State.DECIDED
    assert client.get(_url(name, call)).status_code == 404
    award_services.results_publish(call=call, by=clerk)
    assert client.get(_url(name, call)).status_code == 200


@pytest.mark.parametrize("name", ["results", "results_pdf", "ranking_pdf"])
def test_the_results_of_a_draft_call_are_404(client, draft_call, name):
    assert client.get(_url(name, draft_call)).status_code == 404


@pytest.fixture
def annulled(reference_call, clerk):
    Call.objects.filter(pk=reference_call.pk).update(submission_deadline=timezone.now() - timedelta(minutes=1))
    call = call_services.call_transition(call=Call.objects.get(pk=reference_call.pk), to="submission_closed", by=clerk)
    return formal_services.call_annul(call=call, by=clerk, reason="Nie wpłynęła żadna oferta")


def test_an_annulled_call_points_to_its_annulment_notice_instead_of_results(client, annulled):
    response = client.get(_url("results", annulled))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="annulled"' in html and _url("annulment_pdf", annulled) in html
    assert 'id="funded"' not in html
    assert client.get(_url("results_pdf", annulled)).status_code == 404
    assert client.get(_url("ranking_pdf", annulled)).status_code == 404


def test_the_call_page_links_the_results_once_they_are_published(client, decided, clerk):
    call, _offers = decided
    page = reverse("competition:call_detail", kwargs={"slug": call.slug})
    assert _url("results", call) not in client.get(page).content.decode()
    award_services.results_publish(call=call, by=clerk)
    html = client.get(page).content.decode()
    assert 'id="results-link"' in html and _url("results", call) in html and _url("results_pdf", call) in html


# --- the page ------------------------------------------------------------------------------------------


def test_the_page_lists_the_grants_per_action_with_offerors_and_tasks(client, published):
    call, offers = published
    html = client.get(_url("results", call)).content.decode()
    funded = _table(html, "funded")
    expected = {  # offer index: (A, B, C, D, total, score); "—": the offer did not apply for the action
        0: ("4 050,00 zł", "—", "—", "4 050,00 zł", "8 100,00 zł", "43,00"),
        1: ("4 050,00 zł", "—", "—", "4 050,00 zł", "8 100,00 zł", "43,00"),
        5: ("0,00 zł", "—", "—", "1 900,00 zł", "1 900,00 zł", "34,00"),
    }
    for index, figures in expected.items():
        cells = _cells(_row(funded, "data-offer", offers[index].number))
        assert [c.replace(_pl("not applied for"), "").strip() for c in cells[3:9]] == list(figures)
    first = _cells(_row(funded, "data-offer", offers[0].number))
    assert first[1] == "Stowarzyszenie Łąka 1; Fundacja Żubr 1"  # a joint offer names every offeror
    assert first[2] == offers[0].title
    assert [m.group(1) for m in re.finditer(r'<tr data-offer="([^"]+)"', funded)] == [
        offers[0].number, offers[1].number, offers[5].number]  # in the order of the ranking
    assert "18 100,00 zł" in _text(funded.split("<tfoot>")[1])
    for index in (2, 3, 4):
        assert offers[index].number not in funded


def test_offers_without_a_grant_show_their_score_and_why(client, published):
    call, offers = published
    html = client.get(_url("results", call)).content.decode()
    table = _table(html, "not-funded")
    exhausted = _cells(_row(table, "data-offer", offers[3].number))
    assert exhausted[3] == "32,00"
    used_up = _pl("action %(action)s: its money was used up by offers ranked higher")
    assert exhausted[4] == f'{used_up % {"action": "A"}}; {used_up % {"action": "D"}}'  # per action, no money left
    below = _cells(_row(table, "data-offer", offers[2].number))
    assert below[3] == "27,00"
    with translation.override("pl"):
        assert below[4] == gettext("below the minimum score of %(min)s") % {"min": "30"}
    assert offers[4].number not in table  # formally rejected: listed apart


def test_the_page_says_where_the_results_were_published_once_the_clerk_records_it(client, published, clerk):
    call, _offers = published
    client.get(_url("results", call))  # the body is cached now
    publication.publication_record(call=call, document="results:0", by=clerk, place="bip",
                                   address="https://bip.example.org/wyniki-2019",
                                   published_from=timezone.localtime(call.results_published_at).date())
    html = client.get(_url("results", call)).content.decode()
    facts = _text(re.search(r'<dl[^>]*id="results-facts"[^>]*>(.*?)</dl>', html, re.S).group(1))
    assert "Biuletyn Informacji Publicznej (BIP): https://bip.example.org/wyniki-2019" in facts


def test_formally_rejected_offers_are_listed_with_the_criterion_and_the_reason(client, published):
    call, offers = published
    table = _table(client.get(_url("results", call)).content.decode(), "rejected")
    row = _text(_row(table, "data-offer", offers[4].number))
    assert REASON in row and "Stowarzyszenie Łąka 5" in row
    assert "Czy podmiot składający ofertę jest uprawniony" in row
    assert [m.group(1) for m in re.finditer(r'<tr data-offer="([^"]+)"', table)] == [offers[4].number]


def test_the_page_states_the_order_the_publication_and_the_rights_of_the_public(client, published):
    call, _offers = published
    html = client.get(_url("results", call)).content.decode()
    facts = _text(re.search(r'<dl[^>]*id="results-facts"[^>]*>(.*?)</dl>', html, re.S).group(1))
    assert f"{ORDER} z dnia 14 czerwca 2019 r." in facts  # "of %(date)s" is in the catalogue
    published_at = timezone.localtime(call.results_published_at)
    assert f'datetime="{published_at.isoformat()}"' in html
    assert f"/calls/{call.slug}/results/" in facts and "Biuletyn" not in facts  # only what is recorded: the portal
    notice = _text(re.search(r'id="legal-notice"[^>]*>(.*?)</div>', html, re.S).group(1))
    assert "art. 15 ust. 2j" in notice and "art. 15 ust. 2i" in notice and "30" in notice
    assert re.search(r'data-count="submitted"[^>]*>6<', html)
    assert re.search(r'data-count="funded"[^>]*>3<', html)


def test_offers_with_the_same_score_share_their_place_ex_aequo(client, published):
    call, offers = published
    table = _table(client.get(_url("results", call)).content.decode(), "ranking-table")
    positions = re.findall(r'<tr data-offer="([^"]+)" data-position="(\d+)"', table)
    assert positions == [(offers[0].number, "1"), (offers[1].number, "1"), (offers[5].number, "3"),
                         (offers[3].number, "4"), (offers[2].number, "5")]
    assert "(ex aequo)" in _text(_row(table, "data-offer", offers[0].number))
    assert "(ex aequo)" in _text(_row(table, "data-offer", offers[1].number))
    assert "(ex aequo)" not in _text(_row(table, "data-offer", offers[5].number))
    # the per-criterion means of the joint offer: a–e judged at 3 per part, f two LPR projects, g two offerors
    means = _cells(_row(table, "data-offer", offers[0].number))[3:11]
    assert means == ["9,00", "9,00", "5,00", "5,00", "8,00", "5,00", "2,00", "0,00"]


def test_the_statistics_are_right_on_a_small_example(client, published):
    call, _offers = published
    html = client.get(_url("results", call)).content.decode()
    actions = _table(html, "stats-actions")
    expected = {  # budget, requested by every submitted offer, ratio, awarded, offers, funded
        "A": ("8 100,00 zł", "20 250,00 zł", "250,00%", "8 100,00 zł", "5", "2"),
        "B": ("5 000,00 zł", "8 100,00 zł", "162,00%", "0,00 zł", "2", "0"),
        "C": ("7 200,00 zł", "4 050,00 zł", "56,25%", "0,00 zł", "1", "0"),
        "D": ("10 000,00 zł", "16 200,00 zł", "162,00%", "10 000,00 zł", "4", "3"),
    }
    for code, figures in expected.items():
        assert tuple(_cells(_row(actions, "data-action", code))[1:]) == figures
    zones = _table(html, "stats-zones")
    assert _cells(_row(zones, "data-zone", "Chemiczna"))[1:] == ["6", "3", "18 100,00 zł"]
    assert _cells(_row(zones, "data-zone", "Lipowa I"))[1:] == ["3", "2", "10 000,00 zł"]  # 002 and 006 funded, 003 not
    assert _cells(_row(zones, "data-zone", "Międzytory"))[1:] == ["1", "0", "0,00 zł"]
    assert _cells(_row(zones, "data-zone", "Mostowa"))[1:] == ["0", "0", "0,00 zł"]
    bands = _table(html, "stats-bands")
    counts = {band: _cells(_row(bands, "data-band", band))[1] for band in ("0", "10", "20", "30", "40", "50", "60")}
    assert counts == {"0": "0", "10": "0", "20": "1", "30": "2", "40": "2", "50": "0", "60": "0"}
    assert _cells(_row(bands, "data-band", "60"))[0] == "60–65"  # the last band closes at the call's maximum
    kinds = _table(html, "stats-kinds")
    assert _cells(_row(kinds, "data-kind", "joint"))[1:] == ["1", "1", "8 100,00 zł"]
    assert _cells(_row(kinds, "data-kind", "single"))[1:] == ["5", "2", "10 000,00 zł"]
    assert _cells(_row(kinds, "data-kind", "total"))[1:] == ["6", "3", "18 100,00 zł"]
    assert 'id="zones-note"' in html


def test_the_charts_repeat_the_tables_without_scripts(client, published):
    call, _offers = published
    html = client.get(_url("results", call)).content.decode()
    for name in ("actions", "zones", "bands", "kinds"):
        table = _table(html, f"stats-{name}")
        assert "<caption" in table and 'scope="col"' in table and 'scope="row"' in table
        figure = re.search(rf'<figure[^>]*id="chart-{name}"[^>]*>', html)
        assert figure and 'aria-hidden="true"' in figure.group(0)
    chart = re.search(r'<figure[^>]*id="chart-actions"[^>]*>(.*?)</figure>', html, re.S).group(1)
    assert 'width="100.0%"' in chart and 'width="40.0%"' in chart  # A requested (the longest bar), A available
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no inline script


@pytest.mark.parametrize("name", ["results", "results_pdf", "ranking_pdf"])
def test_the_page_and_the_pdfs_read_a_fixed_number_of_queries(client, published, django_assert_max_num_queries,
                                                              name):
    call, _offers = published
    # call and decision, the version of the results, actions, criteria, offers, partners, their
    # organisations, zones, formal answers, grants, what the rejected asked for, the call's zones: none
    # of them per offer, and where the results were published (the publication record); then from the
    # cache: the call and decision, and the version. The page reads the version once more for the sizes
    # of its open-data files (opendata, from the cache)
    if name == "results":
        with django_assert_max_num_queries(14):
            assert client.get(_url(name, call)).status_code == 200
        with django_assert_max_num_queries(3):
            assert client.get(_url(name, call)).status_code == 200
        return
    # the PDFs: the same reads, then the cache's own bookkeeping (look up, count the offers,
    # store the document, drop older ones); served from the cache the second time
    with django_assert_max_num_queries(22):
        assert client.get(_url(name, call)).status_code == 200
    with django_assert_max_num_queries(13):
        assert client.get(_url(name, call)).status_code == 200


# --- the PDFs ------------------------------------------------------------------------------------------


def _figures(text: str) -> list[str]:
    """Amounts, scores and dashes in the order they are printed (without "zł")."""
    return re.findall(r"(?<![\d,])\d{1,3}(?: \d{3})*,\d{2}(?!\d)|—", text.replace("\u00a0", " "))


def test_the_page_and_both_pdfs_give_the_same_amounts_and_scores(client, published):
    call, offers = published
    html = client.get(_url("results", call)).content.decode()
    announcement = pdf_text(client.get(_url("results_pdf", call)))
    ranking = pdf_text(client.get(_url("ranking_pdf", call)))
    funded, table = _table(html, "funded"), _table(html, "ranking-table")
    for index in (0, 1, 5):
        number = offers[index].number
        cells = _cells(_row(funded, "data-offer", number))
        grants = _figures(" ".join(cells[3:8]))  # A, B, C, D, total
        assert len(grants) == 5
        assert _figures(_layout_line(announcement, number)) == grants
        means = _figures(" ".join(_cells(_row(table, "data-offer", number))[3:12]))  # a–h and the final score
        assert means[-1] == cells[8]
        # the ranking prints the final score, the grant requested (4 050,00 in each of two actions) and awarded
        assert _figures(_layout_line(ranking, number)) == [means[-1], "8 100,00", grants[-1]]
    for index in (2, 3):
        number = offers[index].number
        score = _cells(_row(_table(html, "not-funded"), "data-offer", number))[3]
        assert _figures(_layout_line(announcement, number)) == [score]
        means = _figures(" ".join(_cells(_row(table, "data-offer", number))[3:12]))
        assert means[-1] == score
        assert _figures(_layout_line(ranking, number)) == [score, "8 100,00", "0,00"]
    assert "18 100,00" in _flat(announcement)
    assert REASON in _flat(announcement)


def test_the_announcement_pdf_states_the_order_the_publication_and_the_rights(client, published):
    call, _offers = published
    flat = _flat(pdf_text(client.get(_url("results_pdf", call))))
    assert ORDER in flat and "14 czerwca 2019" in flat
    assert "art. 15 ust. 2j" in flat and "art. 15 ust. 2i" in flat
    assert f"/calls/{call.slug}/results/" in flat.replace(" ", "")  # published: on the portal, nothing else recorded
    assert "Biuletyn Informacji Publicznej" not in flat and "tablica ogłoszeń" not in flat
    assert timezone.localtime(call.results_published_at).strftime("%Y") in flat
    assert "Strona 1 z" in flat


def test_the_announcement_pdf_states_the_places_the_clerk_recorded(client, published, clerk):
    call, _offers = published
    client.get(_url("results_pdf", call))  # built and kept before the record changes
    day = timezone.localtime(call.results_published_at).date()
    publication.publication_record(call=call, document="results:0", by=clerk, place="bip",
                                   address="https://bip.example.org/w", published_from=day)
    publication.publication_record(call=call, document="results:0", by=clerk, place="notice_board",
                                   address="Hol urzędu", published_from=day)
    flat = _flat(pdf_text(client.get(_url("results_pdf", call))))
    assert "Biuletyn Informacji Publicznej (BIP): https://bip.example.org/w" in flat
    assert "tablica ogłoszeń urzędu: Hol urzędu" in flat


def test_the_ranking_pdf_states_the_tie_break_rule_ex_aequo_and_the_statistics(client, published):
    call, offers = published
    text = pdf_text(client.get(_url("ranking_pdf", call)))
    flat = _flat(text)
    assert str(call.get_tie_break_display()) in flat
    assert "(ex aequo)" in flat
    assert re.match(r"\s*1\.\s+" + offers[0].number, _layout_line(text, offers[0].number))
    assert re.match(r"\s*1\.\s+" + offers[1].number, _layout_line(text, offers[1].number))
    assert "20 250,00 zł" in flat and "250,00%" in flat  # action A: requested, and against the budget
    assert "Lipowa I" in flat and "10 000,00 zł" in flat
    assert "60–65" in flat


def test_the_pdfs_are_a4_with_page_numbers(client, published):
    call, _offers = published
    for name, size in (("results_pdf", (595, 842)), ("ranking_pdf", (842, 595))):
        response = client.get(_url(name, call))
        reader = PdfReader(io.BytesIO(response.content))
        for page in reader.pages:
            assert tuple(round(float(v)) for v in page.mediabox[2:]) == size
        assert f"Strona 1 z {len(reader.pages)}" in pdf_text(response)


def test_the_announcement_repeats_table_headers_on_every_page(client, published):
    call, _offers = published
    FormalAnswer.objects.filter(sheet__offer__call=call, value=False).update(reason=REASON * 40)
    reader = PdfReader(io.BytesIO(client.get(_url("results_pdf", call)).content))
    assert len(reader.pages) > 2
    for page in reader.pages[1:-1]:  # the long rejection runs on: its table's header on top of each page
        assert "Oferent(ci)" in page.extract_text()


def test_the_pdfs_come_from_stored_data_only(client, published):
    """Published in the past, the documents print that date and never today's; twice the same text."""
    call, _offers = published
    Call.objects.filter(pk=call.pk).update(
        results_published_at=datetime(2019, 6, 17, 8, 0, tzinfo=UTC), announcement_date=date(2019, 4, 24))
    today = dateformat.format(timezone.localdate(), "j E Y")
    for name in ("results_pdf", "ranking_pdf"):
        first = pdf_text(client.get(_url(name, call)))
        assert "17 czerwca 2019" in _flat(first)
        assert today not in _flat(first)
        assert pdf_text(client.get(_url(name, call))) == first
