"""Publication of the formal check's outcome (page and PDF) and of an annulment (art. 18a).

The state is built with the formal check's own services, as evaluation/tests does; the
fixtures are copied here (not imported) so this module depends on the services only."""
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from competition import services as call_services
from competition.models import Call
from evaluation.formal import services
from evaluation.models import FormalAnswer, FormalEvent
from offers.models import Offer
from tests_support.factories import MembershipFactory, OrganisationFactory
from tests_support.offers import make_offer

pytestmark = pytest.mark.django_db

REASON = "Potwierdzenie bez podpisów osób upoważnionych – wpłynęło 23.05 po terminie (źródło: dziennik podawczy)"
ANNULMENT = "Żadna ze złożonych ofert nie spełniła wymogów formalnych określonych w ogłoszeniu"
A4_POINTS = (595, 842)


# --- building the state ------------------------------------------------------------------------


@pytest.fixture
def formal_call(reference_call, clerk):
    """The reference call with three submitted offers (one joint) and submissions closed."""
    lead = MembershipFactory(organisation__legal_form="association", organisation__name="Stowarzyszenie Łączy Nas")
    other = MembershipFactory(organisation__legal_form="foundation", organisation__name="Fundacja Żubr")
    third = MembershipFactory(organisation__legal_form="social_cooperative")
    partner = OrganisationFactory(legal_form="foundation", name="Fundacja Partnerska Ćma", with_member=True)
    make_offer(call=reference_call, organisation=lead.organisation, user=lead.user, partners=[partner], submit=True)
    make_offer(call=reference_call, organisation=other.organisation, user=other.user, codes=("B", "C"), submit=True)
    make_offer(call=reference_call, organisation=third.organisation, user=third.user, submit=True)
    Call.objects.filter(pk=reference_call.pk).update(
        submission_deadline=timezone.now(), confirmation_deadline=timezone.now() + timedelta(days=1))
    call = Call.objects.get(pk=reference_call.pk)
    return call_services.call_transition(call=call, to=Call.State.SUBMISSION_CLOSED, by=clerk)


def _offers(call) -> list[Offer]:
    return list(Offer.objects.filter(call=call).exclude(state="draft").order_by("number"))


def _answer_all(sheet, clerk, *, value: bool, reason: str = "Sprawdzono na papierze") -> None:
    """Answer every criterion alike; a "no", or a departure from the computed answer, needs a reason."""
    answers = {a.criterion_id: (value, reason if not value or a.auto_value is False else "")
               for a in sheet.answers.all()}
    services.sheet_answer(sheet=sheet, answers=answers, by=clerk)


@pytest.fixture
def checked_call(formal_call, clerk):
    """Formal check run to confirmation: the second offer fails one criterion, the rest pass."""
    services.formal_check_start(call=formal_call, by=clerk)
    offers = _offers(formal_call)
    for offer in offers:
        sheet = offer.formal_sheet
        _answer_all(sheet, clerk, value=True)
        if offer == offers[1]:
            criterion = sheet.answers.get(criterion__auto_check="confirmation_on_time").criterion_id
            services.sheet_answer(sheet=sheet, answers={criterion: (False, REASON)}, by=clerk)
        services.sheet_confirm(sheet=sheet, by=clerk)
    return Call.objects.get(pk=formal_call.pk)


@pytest.fixture
def closed_call(checked_call, clerk):
    return services.formal_check_close(call=checked_call, by=clerk)


@pytest.fixture
def annulled_after_check(formal_call, clerk):
    """Every offer fails the formal check; the call is annulled (art. 18a(1)(2))."""
    services.formal_check_start(call=formal_call, by=clerk)
    for offer in _offers(formal_call):
        _answer_all(offer.formal_sheet, clerk, value=False, reason="Oferta złożona przez podmiot nieuprawniony")
        services.sheet_confirm(sheet=offer.formal_sheet, by=clerk)
    call = Call.objects.get(pk=formal_call.pk)
    return services.call_annul(call=call, by=clerk, reason=ANNULMENT)


@pytest.fixture
def annulled_without_offers(reference_call, clerk):
    Call.objects.filter(pk=reference_call.pk).update(submission_deadline=timezone.now() - timedelta(minutes=1))
    call = call_services.call_transition(call=Call.objects.get(pk=reference_call.pk), to="submission_closed", by=clerk)
    return services.call_annul(call=call, by=clerk, reason="Nie wpłynęła żadna oferta")


# --- helpers -------------------------------------------------------------------------------------


def _url(name: str, call) -> str:
    return reverse(f"reports:{name}", kwargs={"slug": call.slug})


def _pdf_text(response) -> tuple[PdfReader, str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _table(html: str, table_id: str) -> str:
    match = re.search(rf'<table[^>]*id="{table_id}"[^>]*>(.*?)</table>', html, re.S)
    assert match, f"no table #{table_id}"
    return match.group(1)


# --- the outcome of the formal check --------------------------------------------------------------


@pytest.mark.parametrize("name", ["formal_results", "formal_results_pdf"])
def test_the_outcome_is_not_public_before_the_formal_check_is_closed(client, formal_call, clerk, name):
    assert client.get(_url(name, formal_call)).status_code == 404  # submission closed
    services.formal_check_start(call=formal_call, by=clerk)
    assert client.get(_url(name, formal_call)).status_code == 404  # formal check under way


@pytest.mark.parametrize("name", ["formal_results", "formal_results_pdf"])
def test_the_outcome_of_a_draft_call_is_404(client, draft_call, name):
    assert client.get(_url(name, draft_call)).status_code == 404


def test_the_outcome_page_lists_admitted_and_rejected_offers_with_reasons(client, closed_call):
    offers = _offers(closed_call)
    rejected, admitted = offers[1], [offers[0], offers[2]]
    response = client.get(_url("formal_results", closed_call))
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r'data-count="submitted"[^>]*>3<', html)
    assert re.search(r'data-count="admitted"[^>]*>2<', html)
    assert re.search(r'data-count="rejected"[^>]*>1<', html)
    closed = FormalEvent.objects.get(call=closed_call, kind=FormalEvent.Kind.CLOSED)
    assert f'datetime="{timezone.localtime(closed.at).isoformat()}"' in html
    admitted_table = _text(_table(html, "admitted"))
    for offer in admitted:
        assert offer.number in admitted_table
    assert "Stowarzyszenie Łączy Nas; Fundacja Partnerska Ćma" in admitted_table  # the joint offer's offerors
    assert rejected.number not in admitted_table
    rejected_table = _text(_table(html, "rejected"))
    assert rejected.number in rejected_table and "Fundacja Żubr" in rejected_table
    assert REASON in rejected_table
    criterion = rejected.formal_sheet.answers.get(value=False).criterion.question
    assert criterion in rejected_table


def test_the_outcome_page_reads_a_fixed_number_of_queries(client, closed_call, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):  # call, history, closing row, sheets, partners, their organisations, answers (+1)
        client.get(_url("formal_results", closed_call))


def test_the_outcome_tables_are_accessible(client, closed_call):
    html = client.get(_url("formal_results", closed_call)).content.decode()
    for table_id in ("admitted", "rejected"):
        table = _table(html, table_id)
        assert "<caption" in table
        assert table.count('scope="col"') >= 3
        assert 'scope="row"' in table


def test_the_outcome_pdf_has_the_rejected_offer_its_reason_and_page_numbers(client, closed_call):
    rejected = _offers(closed_call)[1]
    reader, text = _pdf_text(client.get(_url("formal_results_pdf", closed_call)))
    flat = re.sub(r"\s+", " ", text)
    assert rejected.number in flat
    assert REASON in flat  # Polish diacritics survive the PDF text layer
    assert "Strona 1 z" in text
    assert "Oferty odrzucone z przyczyn formalnych" in flat
    for page in reader.pages:
        assert tuple(round(float(v)) for v in page.mediabox[2:]) == A4_POINTS


def test_the_outcome_pdf_repeats_table_headers_on_every_page(client, closed_call):
    """A long rejection breaks across pages; every page it continues on starts with the headers."""
    FormalAnswer.objects.filter(sheet__offer__call=closed_call, value=False).update(reason=REASON * 40)
    reader, _ = _pdf_text(client.get(_url("formal_results_pdf", closed_call)))
    assert len(reader.pages) > 1
    for page in reader.pages:
        assert "Oferent(ci)" in page.extract_text()


def test_the_call_page_links_the_outcome_only_once_it_is_public(client, checked_call, clerk):
    page = reverse("competition:call_detail", kwargs={"slug": checked_call.slug})
    html = client.get(page).content.decode()
    assert _url("formal_results", checked_call) not in html
    services.formal_check_close(call=checked_call, by=clerk)
    html = client.get(page).content.decode()
    assert _url("formal_results", checked_call) in html
    assert _url("formal_results_pdf", checked_call) in html


def test_the_call_page_with_the_outcome_stays_within_its_query_budget(client, closed_call,
                                                                       django_assert_max_num_queries):
    with django_assert_max_num_queries(11):
        client.get(reverse("competition:call_detail", kwargs={"slug": closed_call.slug}))


# --- annulment ---------------------------------------------------------------------------------------


def test_the_call_page_shows_the_annulment_prominently(client, annulled_after_check):
    call = annulled_after_check
    html = client.get(reverse("competition:call_detail", kwargs={"slug": call.slug})).content.decode()
    match = re.search(r'<section[^>]*id="annulment"[^>]*>(.*?)</section>', html, re.S)
    assert match, "no annulment section"
    section = _text(match.group(1))
    assert ANNULMENT in section
    assert "art. 18a" in section
    assert _url("annulment_pdf", call) in match.group(1)
    assert html.index('id="annulment"') < html.index('id="dates-heading"')  # at the top, before the call's text


def test_the_annulment_pdf_states_the_authority_call_reason_date_and_places(client, annulled_after_check):
    call = annulled_after_check
    _, text = _pdf_text(client.get(_url("annulment_pdf", call)))
    flat = re.sub(r"\s+", " ", text)
    assert ANNULMENT in flat
    assert call.order_number in flat
    assert call.authority.name in flat
    assert "art. 18a" in flat
    assert "ust. 1 pkt 2" in flat
    event = call.events.get(to_state="annulled")
    assert timezone.localtime(event.at).strftime("%Y") in flat
    assert f"/calls/{call.slug}/" in flat.replace(" ", "")  # where the announcement was published, as recorded
    assert "Strona 1 z" in text


def test_the_annulment_pdf_of_a_call_without_offers_names_that_ground(client, annulled_without_offers):
    _, text = _pdf_text(client.get(_url("annulment_pdf", annulled_without_offers)))
    flat = re.sub(r"\s+", " ", text)
    assert "ust. 1 pkt 1" in flat and "Nie wpłynęła żadna oferta" in flat


def test_a_call_annulled_before_the_formal_check_has_no_formal_outcome(client, annulled_without_offers):
    assert client.get(_url("formal_results", annulled_without_offers)).status_code == 404
    html = client.get(reverse("competition:call_detail", kwargs={"slug": annulled_without_offers.slug})).content
    assert _url("formal_results", annulled_without_offers).encode() not in html


def test_the_outcome_of_a_call_annulled_after_the_check_lists_the_rejections(client, annulled_after_check):
    call = annulled_after_check
    html = client.get(_url("formal_results", call)).content.decode()
    assert 'id="annulled"' in html and ANNULMENT in html
    assert re.search(r'data-count="rejected"[^>]*>3<', html)
    assert "Oferta złożona przez podmiot nieuprawniony" in _text(_table(html, "rejected"))
    _, text = _pdf_text(client.get(_url("formal_results_pdf", call)))
    assert "Konkurs został unieważniony" in re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("fixture", ["formal_call", "closed_call"])
def test_the_annulment_pdf_is_404_for_a_call_that_is_not_annulled(client, request, fixture):
    call = request.getfixturevalue(fixture)
    assert client.get(_url("annulment_pdf", call)).status_code == 404
