"""Every list page and every PDF of a call reads the same number of queries for 10 rows as for 200.

How a test runs: the call is taken through the services to the stage its page exists in, as
`tests_support.merit` does, with four offers: one joint, one rejected in the formal check, one
with a wrong paper confirmation; in the merit evaluation a conflict, submitted and draft sheets
and an expert's opinion. Copies of those offers, with every row
that hangs off them (partners with their own organisations, actions, indicators, costs, the
schedule, zones, submitted versions, receipts, formal sheets and answers, declarations, score
sheets and their points, merit results, grants), are then added with bulk_create until the call
has 10 offers; the page is read once to warm the caches, then counted; copies are added up to
200 and the page must read exactly as many queries (`django_assert_num_queries` prints them if
not). The copies carry the templates' scores and grants, so the stored walk and the totals do
not add up: that is fine for counting queries, not for reading the figures.

PDFs: WeasyPrint's layout of 200 rows takes far too long, and it reads no database, so
`html_to_pdf` is replaced by a stub and what is counted is the view, its selectors and the
document's HTML (`core.pdf.render.render_html`), through the test client. The stored PDFs of the
cache (`core.pdf.cache`) are dropped before each read so that both reads build the document,
and PDF_ASYNC_MIN_OFFERS is raised so that 10 and 200 offers take the same synchronous path.
"""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from awards import services as award_services
from awards.models import Grant
from competition import services as call_services
from competition.models import Action, Call, CallEvent, CommissionMember, Indicator, RevitalisationProject, UrbanZone
from evaluation.formal import services as formal_services
from evaluation.merit import services as services_merit
from evaluation.models import (
    ConfirmationReceipt,
    CorrectionRequest,
    CriterionScore,
    Declaration,
    FormalAnswer,
    FormalSheet,
    MeritResult,
    ScoreSheet,
)
from offers.models import (
    CostItem,
    IndicatorValue,
    Offer,
    OfferAction,
    OfferEvent,
    OfferPartner,
    OfferVersion,
    OwnResult,
    ScheduleRow,
)
from core.models import PdfDocument
from organisations.models import BankAccountChange, Organisation
from tests_support.factories import CallFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests_support.merit import MeritCall, declare_all, score
from tests_support.offers import cost, make_offer

pytestmark = pytest.mark.django_db

FEW, MANY = 10, 200


# --- copies of offers ----------------------------------------------------------------------------------


def _copy(row, **changes):
    """An unsaved copy of `row`, every column but the primary key, with `changes` (by attname)."""
    values = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields if not f.primary_key}
    return type(row)(**{**values, **changes})


# Rows hanging off an offer, parents first: each model with its foreign keys to rows that are
# copied too (the first one is the parent the rows are found by).
OFFER_ROWS = [
    (OfferPartner, {"offer_id": Offer, "organisation_id": Organisation}),
    (OfferAction, {"offer_id": Offer}),
    (IndicatorValue, {"offer_action_id": OfferAction}),
    (OwnResult, {"offer_action_id": OfferAction}),
    (CostItem, {"offer_action_id": OfferAction, "offeror_id": Organisation}),
    (ScheduleRow, {"offer_id": Offer, "offer_action_id": OfferAction, "responsible_id": Organisation}),
    (Offer.zones.through, {"offer_id": Offer}),
    (Offer.lpr_projects.through, {"offer_id": Offer}),
    (OfferVersion, {"offer_id": Offer}),
    (OfferEvent, {"offer_id": Offer}),
    (ConfirmationReceipt, {"offer_id": Offer, "version_id": OfferVersion}),
    (CorrectionRequest, {"offer_id": Offer}),
    (FormalSheet, {"offer_id": Offer}),
    (FormalAnswer, {"sheet_id": FormalSheet}),
    (Declaration, {"offer_id": Offer}),
    (ScoreSheet, {"offer_id": Offer, "version_id": OfferVersion}),
    (CriterionScore, {"sheet_id": ScoreSheet}),
    (MeritResult, {"offer_id": Offer}),
    (Grant, {"offer_id": Offer}),
    (BankAccountChange, {"organisation_id": Organisation}),  # the lead's new account, shown beside the offer
]


def add_copies(call: Call, templates: list[Offer], up_to: int) -> int:
    """Copies of `templates` (cycling through them) until the call has `up_to` numbered offers;
    returns how many it has. Each copy gets the next offer number and its own lead and partner
    organisations, named after the template's with the number: "(200)"."""
    taken = Offer.objects.filter(call=call).exclude(number="").count()
    count = up_to - taken
    if count <= 0:
        return taken
    sources = list(Offer.objects.filter(pk__in=[t.pk for t in templates]).select_related("organisation")
                   .prefetch_related("partners__organisation").order_by("number"))
    picks = [sources[(taken + i) % len(sources)] for i in range(count)]  # offer k copies template (k - 1) % len
    maps: list[dict[type, dict[int, int]]] = [{} for _ in picks]
    made = []
    for i, offer in enumerate(picks):
        for org in [offer.organisation, *[p.organisation for p in offer.partners.all()]]:
            made.append((i, org.pk, _copy(org, name=f"{org.name} ({taken + i + 1})")))
    Organisation.objects.bulk_create([row for _i, _old, row in made])
    for i, old, row in made:
        maps[i].setdefault(Organisation, {})[old] = row.pk
    copies = Offer.objects.bulk_create([
        _copy(offer, organisation_id=maps[i][Organisation][offer.organisation_id], number=f"{taken + i + 1:03d}")
        for i, offer in enumerate(picks)
    ])
    for i, (offer, new) in enumerate(zip(picks, copies)):
        maps[i][Offer] = {offer.pk: new.pk}
    for model, keys in OFFER_ROWS:
        _copy_rows(model, keys, maps)
    return Offer.objects.filter(call=call).exclude(number="").count()


def _copy_rows(model, keys: dict[str, type], maps: list[dict[type, dict[int, int]]]) -> None:
    parent_key, parent_model = next(iter(keys.items()))
    parents = {old for m in maps for old in m.get(parent_model, {})}
    groups: dict[int, list] = {}
    for row in model.objects.filter(**{f"{parent_key}__in": parents}).order_by("pk"):
        groups.setdefault(getattr(row, parent_key), []).append(row)
    made = []
    for i, m in enumerate(maps):
        for old_parent in m.get(parent_model, {}):
            for row in groups.get(old_parent, []):
                changes = {key: m.get(target, {}).get(getattr(row, key), getattr(row, key))
                           for key, target in keys.items()}
                made.append((i, row.pk, _copy(row, **changes)))
    model.objects.bulk_create([row for _i, _old, row in made], batch_size=500)
    for i, old, row in made:
        maps[i].setdefault(model, {})[old] = row.pk


# --- counting --------------------------------------------------------------------------------------------


PRINTED: list[str] = []  # the HTML of the latest document the stub "printed"


def _text(response) -> str:
    if response["Content-Type"] == "application/pdf":
        return PRINTED[-1]
    return response.content.decode()


def _clear_caches() -> None:
    for cache in caches.all():  # the memory one and the rendered pages' files ("rendered")
        cache.clear()


def assert_flat(client, page, django_assert_num_queries, *, shows: tuple[str, ...] = ()) -> None:
    """`page(n)` makes a page show n rows and returns its address; the page must read as many
    queries at MANY rows as at FEW. `shows`: texts the page shows only at MANY rows. Stored
    PDFs and cached pages (the published results) are dropped before each read, so that every
    read builds its document."""
    url = page(FEW)
    assert client.get(url).status_code == 200  # warms the caches (content types, translations, the session)
    PdfDocument.objects.all().delete()
    _clear_caches()
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    url = page(MANY)
    PdfDocument.objects.all().delete()
    _clear_caches()
    with django_assert_num_queries(len(few)):
        response = client.get(url)
    assert response.status_code == 200
    for text in shows:
        assert text in _text(response)
    print(f"{url}: {len(few)} queries at {FEW} and at {MANY} rows")  # shown with `pytest -s`


@pytest.fixture(autouse=True)
def _no_weasyprint(monkeypatch, settings):
    def stub(html: str) -> bytes:
        PRINTED.append(html)
        return b"%PDF-1.7 stub " + str(len(html)).encode()

    monkeypatch.setattr("core.pdf.render.html_to_pdf", stub)
    monkeypatch.setattr("core.pdf.cache.html_to_pdf", stub)
    settings.PDF_ASYNC_MIN_OFFERS = 10_000


# --- the worlds --------------------------------------------------------------------------------------------


def _close_submissions(call: Call, clerk) -> Call:
    now = timezone.now()
    Call.objects.filter(pk=call.pk).update(submission_deadline=now, confirmation_deadline=now + timedelta(days=1))
    return call_services.call_transition(call=Call.objects.get(pk=call.pk), to=Call.State.SUBMISSION_CLOSED, by=clerk)


def _submitted(call: Call, clerk) -> tuple[Call, list[Offer]]:
    """Four submitted offers (the first joint), submissions closed, two papers recorded (one wrong)."""
    offers = []
    for partners, codes in ((1, ("A", "D")), (0, ("B", "C")), (0, ("A", "B")), (0, ("A", "D"))):
        lead = MembershipFactory(organisation__legal_form="association")
        joint = [OrganisationFactory(legal_form="foundation", with_member=True) for _ in range(partners)]
        offers.append(make_offer(call=call, organisation=lead.organisation, user=lead.user, partners=joint,
                                 codes=codes, submit=True))
    call = _close_submissions(call, clerk)
    for offer, checksum in ((offers[0], offers[0].versions.get().checksum), (offers[1], "0" * 64)):
        formal_services.receipt_record(offer=offer, received_at=timezone.now(), received_by="Biuro podawcze",
                                       checksum_read=checksum, signed=True, by=clerk, mismatch_confirmed=True)
    return call, [Offer.objects.get(pk=o.pk) for o in offers]


def _answer(sheet: FormalSheet, clerk, *, admit: bool) -> None:
    answers = {a.criterion_id: (True, "Sprawdzono na papierze.") for a in sheet.answers.all()}
    if not admit:
        eligible = next(a for a in sheet.answers.all() if a.criterion.auto_check == "eligible_entity")
        answers[eligible.criterion_id] = (False, "Oferent nie jest podmiotem uprawnionym.")
    formal_services.sheet_answer(sheet=sheet, answers=answers, by=clerk)
    formal_services.sheet_confirm(sheet=sheet, by=clerk)


def _sheets(offers: list[Offer]) -> list[FormalSheet]:
    sheets = FormalSheet.objects.filter(offer__in=offers).prefetch_related("answers__criterion")
    return sorted(sheets, key=lambda sheet: sheet.offer.number)


def _formal(call: Call, clerk) -> tuple[Call, list[Offer]]:
    """The formal check under way: sheets confirmed (admitted, rejected) and open."""
    call, offers = _submitted(call, clerk)
    call = formal_services.formal_check_start(call=call, by=clerk)
    first, second, *_open = _sheets(offers)
    _answer(first, clerk, admit=True)
    _answer(second, clerk, admit=False)
    return Call.objects.get(pk=call.pk), offers


def _commission(call: Call, clerk) -> tuple[MeritCall, list[Offer]]:
    """The formal check closed (the second offer rejected) and the commission seated, as
    `tests_support.merit.merit_call` seats it. Returns the commission with the three admitted
    offers, and all four offers (the templates of the copies)."""
    call, offers = _submitted(call, clerk)
    call = formal_services.formal_check_start(call=call, by=clerk)
    for sheet in _sheets(offers):
        _answer(sheet, clerk, admit=sheet.offer_id != offers[1].pk)
    call = formal_services.formal_check_close(call=call, by=clerk)
    seat = CommissionMember.objects.create
    chair = seat(call=call, user=UserFactory(), role=CommissionMember.Role.CHAIR, kind=CommissionMember.Kind.CITY)
    members = [seat(call=call, user=UserFactory(), kind=kind)
               for kind in (CommissionMember.Kind.CITY, CommissionMember.Kind.NGO)]
    expert = seat(call=call, user=UserFactory(), kind=CommissionMember.Kind.EXPERT)
    admitted = [Offer.objects.get(pk=o.pk) for o in offers if o.pk != offers[1].pk]
    return MeritCall(Call.objects.get(pk=call.pk), admitted, chair, members, expert), offers


def _scoring(call: Call, clerk) -> tuple[MeritCall, list[Offer]]:
    """The merit evaluation under way: every seat declared (one conflict); sheets submitted, a draft."""
    mc, offers = _commission(call, clerk)
    member = mc.members[0]
    declare_all(mc, conflicts={(mc.members[1], mc.offers[2])})
    score(member, mc.offers[0], 7)
    score(member, mc.offers[1], 5, submit=False)
    score(mc.chair, mc.offers[0], 6)
    score(mc.expert, mc.offers[0], opinion="Oferta spójna.")
    return mc, offers


def _scored(call: Call, clerk) -> tuple[MeritCall, list[Offer]]:
    """The merit evaluation closed, ties broken by a criterion's mean (read for every offer)."""
    mc, offers = _commission(call, clerk)
    code = mc.call.merit_criteria.order_by("position").first().code
    Call.objects.filter(pk=mc.call.pk).update(tie_break="criterion", tie_break_criterion=code)
    declare_all(mc)
    for seat in mc.scorers:
        for offer, value in zip(mc.offers, (3, 3, 1)):
            score(seat, offer, value)
    score(mc.expert, mc.offers[0], opinion="Oferta spójna.")
    services_merit.merit_close(call=Call.objects.get(pk=mc.call.pk), by=mc.chair.user)
    mc.call = Call.objects.get(pk=mc.call.pk)
    return mc, offers


def _proposed(call: Call, clerk) -> tuple[MeritCall, list[Offer]]:
    mc, offers = _scored(call, clerk)
    award_services.decision_propose(call=mc.call, by=clerk)
    return mc, offers


def _published(call: Call, clerk, mayor) -> tuple[MeritCall, list[Offer]]:
    mc, offers = _proposed(call, clerk)
    award_services.decision_lock(decision=mc.call.decision, order_number="Zarządzenie nr 150/2019",
                                 order_date=date(2019, 6, 14), by=mayor)
    mc.call = award_services.results_publish(call=Call.objects.get(pk=mc.call.pk), by=clerk)
    return mc, offers


def _offers_page(call: Call, templates: list[Offer], url: str):
    """`page(n)` for a page listing a call's offers: copies of `templates` up to n offers."""

    def page(n: int) -> str:
        assert add_copies(call, templates, n) == n
        return url

    return page


# --- public pages --------------------------------------------------------------------------------------


def test_the_call_list_reads_the_same_queries_for_10_and_200_calls(client, django_assert_num_queries):
    template = CallFactory(published=True)
    now = timezone.now()

    def page(n):
        have = Call.objects.count()
        calls = Call.objects.bulk_create([
            # every third closed, every third upcoming, the rest open: all three groups fill up
            _copy(template, slug=f"konkurs-kopia-{k}", title=f"Konkurs {k}",
                  submission_deadline=now + timedelta(days=-3 if k % 3 == 0 else 10),
                  submission_start=now + timedelta(days=5) if k % 3 == 1 else None)
            for k in range(have, n)
        ])
        Action.objects.bulk_create([_copy(a, call_id=c.pk) for c in calls for a in template.actions.all()])
        assert Call.objects.public().count() == n
        return reverse("competition:call_list") + "?sort=-title"  # paged: "Konkurs 99" first, only at 200

    assert_flat(client, page, django_assert_num_queries, shows=("Konkurs 99",))


def test_a_call_page_reads_the_same_queries_for_10_and_200_rows(client, reference_call, clerk,
                                                                 django_assert_num_queries):
    """Rows of a call page: its actions (with an indicator), zones, LPR projects and public history,
    with as many offers submitted."""
    call, offers = _submitted(reference_call, clerk)

    def page(n):
        have = call.actions.count()
        actions = Action.objects.bulk_create([
            Action(call=call, position=k, code=f"X{k}", title=f"Działanie {k}", budget=Decimal("1000.00"))
            for k in range(have, n)])
        Indicator.objects.bulk_create([Indicator(action=a, name="liczba osób", unit="osoby", minimum=10)
                                       for a in actions])
        UrbanZone.objects.bulk_create([UrbanZone(call=call, position=k, name=f"Strefa {k}")
                                       for k in range(call.zones.count(), n)])
        RevitalisationProject.objects.bulk_create([
            RevitalisationProject(call=call, position=k, code=f"P{k}", name=f"Projekt {k}")
            for k in range(call.lpr_projects.count(), n)])
        CallEvent.objects.bulk_create([
            CallEvent(call=call, kind=CallEvent.Kind.AMENDED, by=clerk, at=timezone.now(), reason=f"Zmiana {k}")
            for k in range(call.events.count(), n)])
        assert add_copies(call, offers, n) == n
        return reverse("competition:call_detail", kwargs={"slug": call.slug})

    assert_flat(client, page, django_assert_num_queries, shows=("Zmiana 199",))


# --- the formal check ------------------------------------------------------------------------------------


def _formal_url(call: Call) -> str:
    # the list is paged: the highest number first, so the 200th offer is on the first page
    return reverse("evaluation:formal_overview", kwargs={"slug": call.slug}) + "?sort=-number"


def test_the_clerks_list_of_a_calls_offers_reads_the_same_queries_for_10_and_200(client, reference_call, clerk,
                                                                                 django_assert_num_queries):
    """Submissions closed, papers recorded: the offers and their signed confirmations."""
    call, offers = _submitted(reference_call, clerk)
    client.force_login(clerk)
    assert_flat(client, _offers_page(call, offers, _formal_url(call)), django_assert_num_queries, shows=("(200)",))


def test_the_formal_check_list_reads_the_same_queries_for_10_and_200(client, reference_call, clerk,
                                                                     django_assert_num_queries):
    call, offers = _formal(reference_call, clerk)
    client.force_login(clerk)
    assert_flat(client, _offers_page(call, offers, _formal_url(call)), django_assert_num_queries, shows=("(200)",))


def test_the_formal_check_list_with_changed_bank_accounts_reads_the_same_queries_for_10_and_200(
        client, reference_call, clerk, django_assert_num_queries):
    """Every lead offeror changed its account after submitting: each row shows the notice."""
    call, offers = _formal(reference_call, clerk)
    BankAccountChange.objects.bulk_create([
        BankAccountChange(organisation_id=o.organisation_id, old_account="", new_account="PL04318609139099603082462819",
                          by=clerk, at=timezone.now()) for o in offers])
    client.force_login(clerk)
    assert_flat(client, _offers_page(call, offers, _formal_url(call)), django_assert_num_queries,
                shows=("(200)", "Rachunek bankowy organizacji zmieniono"))


@pytest.mark.parametrize("name", ["formal_results", "formal_results_pdf"])
def test_the_published_formal_check_reads_the_same_queries_for_10_and_200(client, reference_call, clerk, name,
                                                                         django_assert_num_queries):
    mc, offers = _commission(reference_call, clerk)
    url = reverse(f"reports:{name}", kwargs={"slug": mc.call.slug})
    assert_flat(client, _offers_page(mc.call, offers, url), django_assert_num_queries, shows=("(200)",))


# --- the merit evaluation -----------------------------------------------------------------------------


def test_a_members_sheet_list_reads_the_same_queries_for_10_and_200(client, reference_call, clerk,
                                                                    django_assert_num_queries):
    mc, offers = _scoring(reference_call, clerk)
    client.force_login(mc.members[0].user)
    url = reverse("commission:offers", kwargs={"slug": mc.call.slug}) + "?sort=-number"  # paged: the 200th first
    assert_flat(client, _offers_page(mc.call, offers, url), django_assert_num_queries, shows=("(200)",))


def test_a_members_calls_read_the_same_queries_for_10_and_200_offers(client, reference_call, clerk,
                                                                     django_assert_num_queries):
    mc, offers = _scoring(reference_call, clerk)
    client.force_login(mc.members[0].user)
    assert_flat(client, _offers_page(mc.call, offers, reverse("commission:home")), django_assert_num_queries)


def test_the_chairs_progress_page_reads_the_same_queries_for_10_and_200(client, reference_call, clerk,
                                                                        django_assert_num_queries):
    mc, offers = _scoring(reference_call, clerk)
    client.force_login(mc.chair.user)
    url = reverse("chair:progress", kwargs={"slug": mc.call.slug})
    assert_flat(client, _offers_page(mc.call, offers, url), django_assert_num_queries, shows=("(200)",))


def test_the_ranking_page_reads_the_same_queries_for_10_and_200(client, reference_call, clerk,
                                                                django_assert_num_queries):
    mc, offers = _scored(reference_call, clerk)
    client.force_login(mc.chair.user)
    url = reverse("chair:results", kwargs={"slug": mc.call.slug})
    assert_flat(client, _offers_page(mc.call, offers, url), django_assert_num_queries, shows=("(200)",))


def test_the_summary_pdf_reads_the_same_queries_for_10_and_200(client, reference_call, clerk,
                                                               django_assert_num_queries):
    mc, offers = _scored(reference_call, clerk)
    client.force_login(mc.chair.user)
    url = reverse("merit_pdf:summary", kwargs={"slug": mc.call.slug})
    assert_flat(client, _offers_page(mc.call, offers, url), django_assert_num_queries, shows=("(200)",))


# --- the decision and the results ---------------------------------------------------------------------


def test_the_decision_page_before_the_decision_reads_the_same_queries_for_10_and_200(
        client, reference_call, clerk, mayor, django_assert_num_queries):
    """The authority's page with the proposed allocation and a form row per grant."""
    mc, offers = _proposed(reference_call, clerk)
    client.force_login(mayor)
    url = reverse("awards:decision", kwargs={"slug": mc.call.slug})
    assert_flat(client, _offers_page(mc.call, offers, url), django_assert_num_queries, shows=("(200)",))


def test_the_decision_page_after_the_decision_reads_the_same_queries_for_10_and_200(
        client, reference_call, clerk, mayor, django_assert_num_queries):
    mc, offers = _published(reference_call, clerk, mayor)
    client.force_login(clerk)
    url = reverse("awards:decision", kwargs={"slug": mc.call.slug})
    assert_flat(client, _offers_page(mc.call, offers, url), django_assert_num_queries, shows=("(200)",))


@pytest.mark.parametrize("name", ["results", "results_pdf", "ranking_pdf"])
def test_the_results_read_the_same_queries_for_10_and_200(client, reference_call, clerk, mayor, name,
                                                         django_assert_num_queries):
    mc, offers = _published(reference_call, clerk, mayor)
    url = reverse(f"reports:{name}", kwargs={"slug": mc.call.slug})
    assert_flat(client, _offers_page(mc.call, offers, url), django_assert_num_queries, shows=("(200)",))


def test_the_protocol_pdf_reads_the_same_queries_for_10_and_200(client, reference_call, clerk, mayor,
                                                                django_assert_num_queries):
    mc, offers = _published(reference_call, clerk, mayor)
    client.force_login(clerk)
    url = reverse("merit_pdf:protocol", kwargs={"slug": mc.call.slug})
    assert_flat(client, _offers_page(mc.call, offers, url), django_assert_num_queries, shows=("(200)",))


# --- an offer's PDFs ------------------------------------------------------------------------------------


def _offer_with(call: Call, n: int, *, submit: bool) -> tuple[Offer, User]:
    """An offer with n offerors (the lead and n - 1 partners) and n cost items in action A (each
    10,00 zł, 90% from the grant), every other action's costs as `make_offer` writes them."""
    lead = MembershipFactory(organisation__legal_form="association")
    partners = [OrganisationFactory(legal_form="foundation", name=f"Fundacja Partner {k}", with_member=True)
                for k in range(1, n)]
    items = [cost(f"Materiały {k}", "1", "10.00", grant="9.00", own_financial="1.00") for k in range(1, n)]
    items.append(cost("Koordynacja", "1", "5.00", grant="4.50", own_financial="0.50", kind="administrative"))
    with override_settings(INVITATIONS_PER_USER_PER_HOUR=n):  # 199 partners invited by one person at once
        offer = make_offer(call=call, organisation=lead.organisation, user=lead.user, partners=partners,
                           costs={"A": items}, submit=submit)
    return offer, lead.user


@pytest.mark.parametrize("name", ["offer_version_pdf", "offer_confirmation_pdf"])
def test_a_submitted_offers_pdfs_read_the_same_queries_for_10_and_200_rows(client, reference_call, name,
                                                                          django_assert_num_queries):
    """Rows: the offerors and the cost items."""

    def page(n: int) -> str:
        offer, user = _offer_with(reference_call, n, submit=True)
        client.force_login(user)
        return reverse(f"reports:{name}", kwargs={"pk": offer.pk, "number": 1})

    assert_flat(client, page, django_assert_num_queries, shows=("Fundacja Partner 199",))


def test_a_draft_offers_pdf_reads_the_same_queries_for_10_and_200_rows(client, reference_call,
                                                                      django_assert_num_queries):
    """The working copy, read from the live rows: the offerors and the cost items."""

    def page(n: int) -> str:
        offer, user = _offer_with(reference_call, n, submit=False)
        client.force_login(user)
        return reverse("reports:offer_draft_pdf", kwargs={"pk": offer.pk})

    assert_flat(client, page, django_assert_num_queries, shows=("Materiały 199", "Fundacja Partner 199"))
