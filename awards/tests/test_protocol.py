"""The commission's protocol (PDF): who may print it and what it says.

The state is built with the services: four offers, the formal check rejects one (the
confirmation not signed), the commission declares (one conflict kept, one lifted by the
chair), scores, and the chair closes with a reason because the secretary left two sheets
unsubmitted; a clerk then proposes the allocation with action A short of money. Strings not yet
in the Polish catalogue are compared with their translation, whatever it is today."""
import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from awards import selectors as award_selectors
from awards import services as award_services
from competition import services as call_services
from competition.models import Action, Call, CommissionMember
from evaluation.formal import services as formal_services
from evaluation.merit import services as services_merit
from evaluation.models import FormalSheet, MeritResult
from offers.models import Offer
from evaluation.tests.test_merit_pdfs import _flat, _pl
from tests_support.pdf import pdf_text
from tests_support.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests_support.merit import MeritCall, score
from tests_support.offers import make_offer

pytestmark = pytest.mark.django_db

REJECTION = "Potwierdzenie podpisała osoba nieupoważniona do reprezentacji oferenta."
CONFLICT = "Jestem członkiem zarządu partnera oferty."
LIFTED = "Zaznaczone omyłkowo: członek nie zasiada w organach oferenta."
CLOSING = "Posiedzenie komisji 5.06.2019; sekretarz nie złożył dwóch kart."
OPINION = "Oferta wartościowa; koszt koordynacji do wyjaśnienia."


def _scored_call(call: Call, clerk) -> MeritCall:
    """Four offers (the first joint), the last rejected in the formal check; the commission seated."""
    offers = []
    for index in range(4):
        lead = MembershipFactory(organisation__legal_form="association")
        partners = [OrganisationFactory(legal_form="foundation", with_member=True)] if index == 0 else []
        offers.append(make_offer(call=call, organisation=lead.organisation, user=lead.user, partners=partners,
                                 submit=True))
    now = timezone.now()
    Call.objects.filter(pk=call.pk).update(submission_deadline=now, confirmation_deadline=now + timedelta(days=1),
                                           commission_order_number="Zarządzenie nr 77/2019",
                                           commission_order_date=date(2019, 5, 21))
    call = call_services.call_transition(call=Call.objects.get(pk=call.pk), to=Call.State.SUBMISSION_CLOSED, by=clerk)
    call = formal_services.formal_check_start(call=call, by=clerk)
    for sheet in FormalSheet.objects.filter(offer__call=call).order_by("offer__number"):
        answers = {a.criterion_id: (True, "Sprawdzono.") for a in sheet.answers.all()}
        if sheet.offer_id == offers[-1].pk:
            signed = sheet.answers.get(criterion__auto_check="confirmation_on_time")
            answers[signed.criterion_id] = (False, REJECTION)
        formal_services.sheet_answer(sheet=sheet, answers=answers, by=clerk)
        formal_services.sheet_confirm(sheet=sheet, by=clerk)
    call = formal_services.formal_check_close(call=call, by=clerk)
    seat = CommissionMember.objects.create
    chair = seat(call=call, user=UserFactory(full_name="Anna Przewodnicząca"), role=CommissionMember.Role.CHAIR)
    members = [seat(call=call, user=UserFactory(full_name="Bogdan Urzędowy")),
               seat(call=call, user=UserFactory(full_name="Celina Społeczna"), kind=CommissionMember.Kind.NGO)]
    expert = seat(call=call, user=UserFactory(full_name="Edward Ekspert"), kind=CommissionMember.Kind.EXPERT)
    mc = MeritCall(Call.objects.get(pk=call.pk), [Offer.objects.get(pk=o.pk) for o in offers[:3]], chair,
                   members, expert)
    mc.rejected = Offer.objects.get(pk=offers[-1].pk)
    mc.secretary = seat(call=call, user=UserFactory(full_name="Sylwia Sekretarz"),
                        role=CommissionMember.Role.SECRETARY)
    return mc


@pytest.fixture
def mc(reference_call, clerk):
    """Celina excluded from offer 2 (ground 4); Bogdan's conflict on offer 3 lifted by the chair.

    Points (per sub-criterion, capped at each range): chair 3/2/1, Bogdan 2/2/2, Celina 3/–/1;
    the secretary submits offer 1 only (value 1)."""
    mc = _scored_call(reference_call, clerk)
    first, second, third = mc.offers
    bogdan, celina = mc.members
    for seat in [*mc.scorers, mc.secretary, mc.expert]:
        for offer in mc.offers:
            conflict = (seat, offer) in {(celina, second), (bogdan, third)}
            services_merit.declaration_make(seat=seat, offer=offer, conflict=conflict, grounds=[3] if conflict else [],
                                            explanation=CONFLICT if conflict else "")
    lifted = bogdan.declarations.get(offer=third)
    services_merit.conflict_lift(declaration=lifted, by=mc.chair.user, reason=LIFTED)
    mc.sheets = {}
    for seat, values in ((mc.chair, (3, 2, 1)), (bogdan, (2, 2, 2)), (celina, (3, None, 1))):
        for offer, value in zip(mc.offers, values):
            if value is not None:
                mc.sheets[(seat.pk, offer.pk)] = score(seat, offer, value)
    mc.sheets[(mc.secretary.pk, first.pk)] = score(mc.secretary, first, 1)
    services_merit.sheet_save(seat=mc.expert, offer=first, data=services_merit.SheetInput(opinion=OPINION),
                              submit=True)
    services_merit.merit_close(call=mc.call, by=mc.chair.user, reason=CLOSING)
    mc.call = Call.objects.get(pk=mc.call.pk)
    return mc


@pytest.fixture
def proposed(mc, clerk):
    """Action A has 9 000 zł for three offers asking 4 050 zł each: the third gets the remainder."""
    Action.objects.filter(call=mc.call, code="A").update(budget=Decimal("9000.00"))
    mc.decision = award_services.decision_propose(call=mc.call, by=clerk)
    return mc


def _url(call) -> str:
    return reverse("merit_pdf:protocol", kwargs={"slug": call.slug})


def _get(client, user, url):
    if user is not None:
        client.force_login(user)
    return client.get(url)


def _who(mc, request, who):
    seats = {"chair": mc.chair, "secretary": mc.secretary, "member": mc.members[0], "expert": mc.expert}
    if who in seats:
        return seats[who].user
    return None if who == "anonymous" else request.getfixturevalue(who)


# --- who may print it --------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["clerk", "admin_user", "chair", "secretary"])
def test_clerks_administrators_the_chair_and_the_secretary_print_the_protocol(client, mc, request, who):
    response = _get(client, _who(mc, request, who), _url(mc.call))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


@pytest.mark.parametrize("who", ["member", "expert", "mayor", "outsider", "applicant", "anonymous"])
def test_nobody_else_gets_the_protocol(client, mc, request, who):
    assert _get(client, _who(mc, request, who), _url(mc.call)).status_code == 404


@pytest.mark.parametrize("who", ["clerk", "chair"])
def test_there_is_no_protocol_before_the_chair_closes_the_evaluation(client, reference_call, clerk, request, who):
    mc = _scored_call(reference_call, clerk)
    user = clerk if who == "clerk" else mc.chair.user
    assert _get(client, user, _url(mc.call)).status_code == 404


def test_a_protocol_is_404_for_calls_before_the_commission_or_unknown(client, reference_call, draft_call, clerk):
    for call in (reference_call, draft_call):
        assert _get(client, clerk, _url(call)).status_code == 404
    assert _get(client, clerk, reverse("merit_pdf:protocol", kwargs={"slug": "no-such-call"})).status_code == 404


@pytest.mark.parametrize("state", [Call.State.DECIDED, Call.State.CLOSED])
def test_the_protocol_stays_available_after_the_decision(client, mc, clerk, state):
    Call.objects.filter(pk=mc.call.pk).update(state=state)
    assert _get(client, mc.secretary.user, _url(mc.call)).status_code == 200


# --- what it says ------------------------------------------------------------------------------------


def test_the_protocol_names_the_call_the_commission_and_its_order(client, mc, clerk):
    flat = _flat(pdf_text(_get(client, clerk, _url(mc.call))))
    assert mc.call.title[:60] in flat
    assert "Zarządzenie nr 77/2019" in flat and "21 maja 2019" in flat
    for name in ("Anna Przewodnicząca", "Bogdan Urzędowy", "Celina Społeczna", "Edward Ekspert", "Sylwia Sekretarz"):
        assert flat.count(name) >= 3, name  # composition, declarations, signatures
    assert _pl("expert with an advisory voice").lower() in flat.lower()
    assert _pl("person nominated by NGOs").lower() in flat.lower()


def test_the_protocol_lists_the_declarations_the_conflict_and_the_lifted_one(client, mc, clerk):
    flat = _flat(pdf_text(_get(client, clerk, _url(mc.call))))
    assert CONFLICT in flat
    assert mc.call.impartiality_grounds[3][:50] in flat  # the ground's text, numbered 4
    assert LIFTED in flat
    text = pdf_text(_get(client, clerk, _url(mc.call)))
    matrix = [line for line in text.splitlines() if line.strip()[:3] in {o.number for o in mc.offers}]
    assert _pl("excluded") in next(line for line in matrix if _pl("excluded") in line and mc.offers[1].number in line)
    lifted = _pl("conflict lifted").split()[0]  # the cell may wrap after its first word
    assert lifted in next(line for line in matrix if mc.offers[2].number in line and lifted in line)


def test_the_protocol_lists_the_rejected_offer_with_the_clerks_reason(client, mc, clerk):
    flat = _flat(pdf_text(_get(client, clerk, _url(mc.call))))
    assert REJECTION in flat
    assert mc.rejected.number in flat


def test_the_protocol_has_every_members_totals_the_means_and_the_places(client, mc, clerk):
    text = pdf_text(_get(client, clerk, _url(mc.call)))
    first, second, third = mc.offers
    sheets = mc.sheets
    chair, bogdan, celina = mc.scorers
    results = {r.offer_id: r for r in MeritResult.objects.filter(offer__call=mc.call)}
    means = {offer.pk: f"{results[offer.pk].score:.2f}".replace(".", ",") for offer in mc.offers}

    def row(offer) -> str:  # the offer's line in the table of totals
        return next(line for line in text.splitlines() if line.strip().startswith(offer.number)
                    and means[offer.pk] in line)

    totals = [sheets[(seat.pk, first.pk)].total for seat in (chair, mc.secretary, bogdan, celina)]  # chair, secretary first
    assert row(first).split()[-7:] == [*map(str, totals), str(sum(totals)), "4", means[first.pk]]
    assert _pl("excl.") in row(second) and "—" in row(third)  # Celina excluded; the secretary did not submit
    section = text.split(_pl("Final scores and ranking"))[1].split(_pl("Proposed allocation of the grants"))[0]
    places = [line.split()[:2] for line in section.splitlines() if re.match(r"\s*\d\.\s+\d{3}\b", line)]
    ranking = award_selectors.ranking(mc.call)
    assert places == [[f"{p.position}.", p.candidate.number] for p in ranking]
    flat = _flat(text)
    assert _pl("Mean") in flat and "a) " in flat  # the per-criterion part


def test_the_protocol_records_the_chairs_closing_reason_and_the_signature_lines(client, mc, clerk):
    flat = _flat(pdf_text(_get(client, clerk, _url(mc.call))))
    assert CLOSING in flat
    assert OPINION in flat
    assert _pl("Place and date") in flat
    assert flat.count(_pl("Signature")) >= 1


def test_without_a_proposal_the_protocol_says_so(client, mc, clerk):
    flat = _flat(pdf_text(_get(client, clerk, _url(mc.call))))
    assert _pl("No allocation has been proposed yet.") in flat


def test_the_protocol_shows_the_proposed_allocation_per_action(client, proposed, clerk):
    flat = _flat(pdf_text(_get(client, clerk, _url(proposed.call)))).replace("\u00a0", " ")
    grants = {(g.offer.number, g.action.code): g for g in award_selectors.grants_of(proposed.decision)}
    partial = [g for g in grants.values() if g.partial]
    assert len(partial) == 1 and partial[0].proposed == Decimal("900.00")
    assert "900,00 zł" in flat and "9 000,00 zł" in flat and "4 050,00 zł" in flat
    assert _pl("granted in part: the remainder of the action's budget") in flat
    total = sum((g.proposed for g in grants.values() if g.offer_id == partial[0].offer_id), Decimal("0"))
    assert f"{total:,.2f}".replace(",", " ").replace(".", ",") + " zł" in flat  # 4 950,00 zł for the third


def test_the_tables_print_landscape_and_the_pages_are_numbered(client, proposed, clerk):
    response = _get(client, clerk, _url(proposed.call))
    reader = PdfReader(io.BytesIO(response.content))
    shapes = [float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages]
    assert shapes[0] is False and any(shapes) and shapes[-1] is False  # portrait, landscape tables, portrait
    pages = len(reader.pages)
    assert f"Strona {pages} z {pages}" in _flat(reader.pages[-1].extract_text())
