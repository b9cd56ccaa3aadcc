"""A clerk runs the formal check (stage I) of the reference call in the browser, and the applicant
whose offer fails it reads why.

Three offers were submitted and submissions are closed. The clerk starts the formal check,
records the signed paper confirmations: 001 with its own control sum, 002 with the control sum
of another offer (the portal must warn loudly), 003 none at all. On 002's sheet the clerk
answers the confirmation criterion "Nie" with a reason; on 003's the clerk overrides the
computed "Nie" (no confirmation recorded) with a reason; everything else is "Tak". The clerk
confirms the three sheets and closes the stage: the call moves to merit evaluation. The
applicant of 002 then finds the rejection and its reason on the dashboard and in the notices,
and the public results page lists 002 as rejected with the reason.

The state before the browser is built with the services, like `formal_call` in
evaluation/tests/conftest.py. That fixture is copied here, not imported: `pytest_plugins =
["evaluation.tests.conftest"]` in this module works when this file runs alone, but a run of
the whole suite (which also loads evaluation/tests/conftest.py as a conftest) then stops at
collection with "Plugin already registered under a different name".
"""
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from competition import services as call_services
from competition.models import Call
from offers.models import Offer
from e2e.journey import confirm_in_dialog
from tests_support.factories import DEFAULT_PASSWORD, MembershipFactory, OrganisationFactory
from tests_support.offers import make_offer

APPLICANT_PASSWORD = "Fundacja-Zubr-2025"
REASON_NO = "Potwierdzenie z nieaktualną sumą kontrolną"
REASON_OVERRIDE = "Potwierdzenie wpłynęło w terminie (dziennik podawczy nr 412/2025), nie wpisano go do portalu"
CONFIRMATION_CRITERION = "Czy potwierdzenie złożenia oferty zostało podpisane"
SPACES = re.compile(r"[\s\u00a0\u202f]+")


def flat(text: str) -> str:
    return SPACES.sub(" ", text).strip()


@pytest.fixture
def formal_call(reference_call, clerk):
    """Copied from evaluation/tests/conftest.py (see the module's docstring): the reference call
    with three submitted offers (one joint), a draft, and submissions closed."""
    lead = MembershipFactory(organisation__legal_form="association", organisation__name="Stowarzyszenie Łączy Nas")
    other = MembershipFactory(organisation__legal_form="foundation", organisation__name="Fundacja Żubr")
    third = MembershipFactory(organisation__legal_form="social_cooperative",
                              organisation__name="Spółdzielnia Socjalna Lipowa")
    partner = OrganisationFactory(legal_form="foundation", name="Fundacja Partnerska Ćma", with_member=True)
    make_offer(call=reference_call, organisation=lead.organisation, user=lead.user, partners=[partner], submit=True)
    make_offer(call=reference_call, organisation=other.organisation, user=other.user, codes=("B", "C"), submit=True)
    make_offer(call=reference_call, organisation=third.organisation, user=third.user, submit=True)
    make_offer(call=reference_call, organisation=third.organisation, user=third.user)  # a draft: not checked
    Call.objects.filter(pk=reference_call.pk).update(
        submission_deadline=timezone.now(),  # every offer above was submitted before this moment
        confirmation_deadline=timezone.now() + timedelta(days=1),
    )
    call = Call.objects.get(pk=reference_call.pk)
    return call_services.call_transition(call=call, to=Call.State.SUBMISSION_CLOSED, by=clerk)


@pytest.fixture
def submitted_offers(formal_call) -> list[Offer]:
    offers = list(Offer.objects.filter(call=formal_call, state=Offer.State.SUBMITTED).order_by("number"))
    assert [o.number for o in offers] == ["001", "002", "003"]
    return offers


@pytest.fixture
def applicants(submitted_offers) -> dict[str, object]:
    """The users of the offers' memberships, by offer number, each with a known password."""
    users = {}
    for offer in submitted_offers:
        user = offer.organisation.memberships.get().user
        user.set_password(APPLICANT_PASSWORD)
        user.save(update_fields=["password"])
        users[offer.number] = user
    return users


class Journey:
    """One browser page, the server, and a numbered screenshot per step."""

    def __init__(self, page: Page, base_url: str, shots):
        self.page, self.base, self.shots, self.n = page, base_url, shots, 0

    def shot(self, name: str, page: Page | None = None) -> None:
        self.n += 1
        page = page or self.page
        page.wait_for_load_state("load")  # a screenshot taken while a confirmed form navigates fails
        page.screenshot(path=self.shots / f"formal-journey-{self.n:02d}-{name}.png", full_page=True)

    def post(self, button, page: Page | None = None) -> None:
        """Click a submit button and wait for the answer page; a page that reports a problem fails here."""
        page = page or self.page
        dialog_id = button.get_attribute("data-confirm")  # an irreversible action asks first
        if dialog_id:
            button.click()
            confirm_in_dialog(page, dialog_id)
        else:
            with page.expect_navigation():
                button.click()
        errors = page.locator("#error-summary, .invalid-feedback, .messages .alert-danger")
        assert errors.count() == 0, f"{page.url}: {[flat(t) for t in errors.all_inner_texts()]}"

    def log_in(self, page: Page, email: str, password: str) -> None:
        page.goto(f"{self.base}/accounts/login/")
        page.locator("#id_username").fill(email)
        page.locator("#id_password").fill(password)
        self.post(page.locator("main button[type=submit]"), page)  # the nav has the language buttons
        expect(page).to_have_url(f"{self.base}/accounts/waiting/")


def answer_sheet(journey: Journey, *, no: tuple[str, str] | None = None) -> list[str]:
    """Answer every criterion of the open sheet on screen "Tak", except `no` = (a fragment of the
    criterion's question, the reason) answered "Nie". A computed "Nie" answered "Tak" is an
    override and gets REASON_OVERRIDE. Saves, and returns the questions overridden."""
    page = journey.page
    fieldsets = page.locator("#answers-form fieldset")
    expect(fieldsets).to_have_count(4)
    # nothing saved yet: the sheet cannot be confirmed, and the page says why
    expect(page.get_by_role("button", name="Zatwierdź kartę")).to_be_disabled()
    expect(page.locator("#confirm-why")).to_contain_text("1, 2, 3, 4")
    overridden = []
    for index in range(fieldsets.count()):
        fieldset = fieldsets.nth(index)
        question = flat(fieldset.locator("legend").inner_text())
        computed_no = fieldset.locator("[id^='auto-'] strong.text-danger").count() > 0
        reason = fieldset.locator("textarea")
        if no and no[0] in question:
            fieldset.get_by_role("radio", name="Nie", exact=True).check()
            reason.fill(no[1])
        else:
            fieldset.get_by_role("radio", name="Tak", exact=True).check()
            if computed_no:
                reason.fill(REASON_OVERRIDE)
                overridden.append(question)
    journey.post(page.get_by_role("button", name="Zapisz odpowiedzi"))
    expect(page.locator(".messages")).to_contain_text("Odpowiedzi zostały zapisane.")
    return overridden


def confirm_sheet(journey: Journey, result: str) -> None:
    page = journey.page
    journey.post(page.get_by_role("button", name="Zatwierdź kartę"))
    expect(page.locator(".messages")).to_contain_text("Karta jest zatwierdzona.")
    state = page.locator("#sheet-state")
    expect(state).to_contain_text("Karta: zatwierdzona.")
    expect(state).to_contain_text(f"Wynik: {result}")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_clerk_runs_the_formal_check_and_the_rejected_applicant_reads_why(
    formal_call, submitted_offers, applicants, clerk, live_server, page: Page, new_context, screenshot_dir
):
    base = live_server.url
    journey = Journey(page, base, screenshot_dir)
    call = formal_call
    offer1, offer2, offer3 = submitted_offers
    sums = {o.number: o.versions.get(number=1).checksum for o in submitted_offers}
    overview_url = base + reverse("evaluation:formal_overview", kwargs={"slug": call.slug})

    def row(offer):
        return page.locator(f"#offers tbody tr#offer-{offer.pk}")

    def open_sheet(offer):
        page.locator(".breadcrumb a", has_text="Ocena formalna").click()
        expect(page).to_have_url(overview_url)
        row(offer).get_by_role("link", name=re.compile(r"^Karta\b")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Karta oceny formalnej oferty {offer.number}")

    def open_receipts(offer):
        row(offer).get_by_role("link", name=re.compile(r"^Potwierdzenia\b")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Podpisane potwierdzenie oferty {offer.number}")

    # --- 1. the clerk logs in and starts the formal check -----------------------------------------
    journey.log_in(page, clerk.email, DEFAULT_PASSWORD)
    page.locator("header").get_by_role("link", name="Zarządzanie konkursami").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zarządzanie konkursami")
    page.locator("main").get_by_role("link", name=call.title, exact=True).click()
    expect(page).to_have_url(base + reverse("competition:manage_detail", kwargs={"slug": call.slug}))
    expect(page.locator("#stage")).to_contain_text("Etap: nabór zamknięty.")
    journey.shot("call-manage")
    formal_link = "Oferty, podpisane potwierdzenia i karty oceny formalnej"
    page.locator("#formal-check").get_by_role("link", name=formal_link).click()
    expect(page).to_have_url(overview_url)
    expect(page.locator("#offers tbody tr")).to_have_count(3)  # the draft is not there
    journey.post(page.get_by_role("button", name="Rozpocznij ocenę formalną"))
    expect(page).to_have_url(overview_url)
    expect(page.locator("#stage")).to_contain_text("Etap: ocena formalna.")
    for offer in submitted_offers:
        expect(row(offer)).to_contain_text("do sprawdzenia")  # every offer has its open sheet
    journey.shot("formal-started")

    # --- 2. paper confirmations: 001 with its sum, 002 with another offer's, 003 none ---------------
    prefix_of_001 = SPACES.sub("", row(offer1).locator("code").inner_text()).rstrip("…")
    assert prefix_of_001 == sums["001"][:8], prefix_of_001
    assert not sums["002"].startswith(prefix_of_001)

    open_receipts(offer1)
    shown = page.locator("#offer-summary code.text-break")
    checksum = SPACES.sub("", shown.inner_text())
    assert checksum == sums["001"], f"the page shows {checksum}, the submitted version has {sums['001']}"
    page.locator("#id_received_by").fill("Kancelaria, Anna Nowak")
    page.locator("#id_checksum_read").fill(shown.inner_text())  # typed in groups of four, as read from paper
    journey.shot("receipt-001-form")
    journey.post(page.get_by_role("button", name="Zarejestruj potwierdzenie"))
    result = page.locator("#result")
    expect(result.get_by_role("status")).to_contain_text("Suma kontrolna jest zgodna z wersją 1")
    expect(result.get_by_role("alert")).to_have_count(0)
    journey.shot("receipt-001-matches")

    page.locator(".breadcrumb a", has_text="Ocena formalna").click()
    expect(page).to_have_url(overview_url)
    expect(row(offer1)).to_have_attribute("data-receipt", "on_time")
    open_receipts(offer2)
    page.locator("#id_received_by").fill("Kancelaria, Anna Nowak")
    page.locator("#id_checksum_read").fill(f"{prefix_of_001[:4]} {prefix_of_001[4:]}")  # 001's sum on 002's paper
    with page.expect_navigation():  # a sum that does not match is not saved at once: the page asks to check again
        page.get_by_role("button", name="Zarejestruj potwierdzenie").click()
    expect(page.locator("#check-again")).to_contain_text("Sprawdź ponownie sumę kontrolną, zanim zostanie zapisana.")
    expect(page.locator("#id_checksum_read")).to_have_value(f"{prefix_of_001[:4]} {prefix_of_001[4:]}")
    page.get_by_label("Sprawdziłem(-am) ponownie dokument: zawiera sumę kontrolną wpisaną powyżej").check()
    journey.post(page.get_by_role("button", name="Zapisz po ponownym sprawdzeniu"))
    warning = page.locator("#result").get_by_role("alert")
    expect(warning).to_be_visible()
    expect(warning).to_have_class(re.compile(r"\balert-danger\b"))
    expect(warning).to_contain_text("Suma kontrolna nie zgadza się ze złożoną wersją oferty.")
    expect(warning).to_contain_text("Dokument nie należy do żadnej wersji tej oferty.")
    expect(page.locator("#offer-summary")).to_contain_text("NIEZGODNOŚĆ")
    journey.shot("receipt-002-mismatch")

    page.locator(".breadcrumb a", has_text="Ocena formalna").click()
    expect(row(offer2)).to_have_attribute("data-receipt", "mismatch")
    expect(row(offer2)).to_have_class(re.compile(r"\btable-danger\b"))
    expect(row(offer2)).to_contain_text("NIEZGODNOŚĆ")
    expect(row(offer3)).to_have_attribute("data-receipt", "none")
    expect(page.locator("#counts")).to_contain_text("z niezgodną sumą kontrolną: 1")
    journey.shot("overview-mismatch")

    # --- 3. the sheets ---------------------------------------------------------------------------
    # 002: the confirmation criterion "Nie" with the reason, the rest "Tak"
    row(offer2).get_by_role("link", name=re.compile(r"^Karta\b")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Karta oceny formalnej oferty 002")
    confirmation = page.locator("#answers-form fieldset", has_text=CONFIRMATION_CRITERION)
    expect(confirmation.locator("[id^='auto-']")).to_contain_text("niezgodną ze złożoną wersją")  # computed "Nie"
    expect(confirmation.get_by_role("radio", name="Nie", exact=True)).to_be_checked()
    assert answer_sheet(journey, no=(CONFIRMATION_CRITERION, REASON_NO)) == []
    expect(confirmation).to_contain_text(REASON_NO)
    expect(confirmation.locator("textarea")).to_have_value(REASON_NO)
    journey.shot("sheet-002-answered")
    confirm_sheet(journey, "odrzucona z przyczyn formalnych")
    expect(confirmation).to_contain_text(f"Przyczyna: {REASON_NO}")
    journey.shot("sheet-002-confirmed")

    # 001: every computed answer is "Tak" (its confirmation matches); nothing to override
    open_sheet(offer1)
    assert answer_sheet(journey) == []
    confirm_sheet(journey, "dopuszczona do oceny merytorycznej")
    journey.shot("sheet-001-confirmed")

    # 003: no confirmation recorded, so the portal computed "Nie"; the clerk overrides it with a reason
    open_sheet(offer3)
    overridden = answer_sheet(journey)
    assert len(overridden) == 1 and CONFIRMATION_CRITERION in overridden[0], overridden
    confirmation = page.locator("#answers-form fieldset", has_text=CONFIRMATION_CRITERION)
    expect(confirmation).to_contain_text("zmienia odpowiedź wyliczoną")
    expect(confirmation.locator("textarea")).to_have_value(REASON_OVERRIDE)
    journey.shot("sheet-003-overridden")
    confirm_sheet(journey, "dopuszczona do oceny merytorycznej")
    journey.shot("sheet-003-confirmed")

    # --- 4. close the stage -------------------------------------------------------------------------
    page.locator(".breadcrumb a", has_text="Ocena formalna").click()
    expect(page).to_have_url(overview_url)
    expect(page.locator("#close-why")).to_have_count(0)
    expect(page.locator("#counts")).to_contain_text("dopuszczone: 2, odrzucone: 1")
    close = page.get_by_role("button", name="Zamknij ocenę formalną")
    expect(close).to_be_enabled()
    journey.shot("overview-ready-to-close")
    journey.post(close)
    expect(page.locator(".messages")).to_contain_text("Ocena formalna jest zamknięta.")
    expect(page.locator("#stage")).to_contain_text("Etap: ocena merytoryczna.")
    journey.shot("formal-closed")
    page.get_by_role("link", name="Wróć do konkursu").click()
    expect(page.locator("#stage")).to_contain_text("Etap: ocena merytoryczna.")
    expect(page.locator("#formal-check")).to_contain_text("Ocena formalna jest zamknięta")
    journey.shot("call-merit-evaluation")
    call.refresh_from_db()
    assert call.state == Call.State.MERIT_EVALUATION

    # --- 5. the applicant of 002 reads the outcome ------------------------------------------------------
    applicant = new_context().new_page()
    journey.log_in(applicant, applicants["002"].email, APPLICANT_PASSWORD)
    applicant.locator("header a[href='/my/']").click()
    expect(applicant).to_have_url(f"{base}/my/")
    notices = applicant.locator("#my-notices")
    expect(notices).to_contain_text("Oferta 002 odrzucona z przyczyn formalnych")
    expect(notices).to_contain_text(REASON_NO)
    expect(notices).to_contain_text(CONFIRMATION_CRITERION)
    mine = applicant.locator("#my-offers tbody tr", has_text="Nr 002")
    expect(mine).to_contain_text("odrzucona z przyczyn formalnych")
    journey.shot("applicant-dashboard", applicant)

    applicant.locator("#my-notices").get_by_role("link", name=re.compile(r"^Wszystkie powiadomienia")).click()
    expect(applicant).to_have_url(f"{base}/accounts/notices/")
    rejection = applicant.locator("#notices > li", has_text="Oferta 002 odrzucona z przyczyn formalnych")
    expect(rejection).to_have_count(1)
    expect(rejection).to_contain_text(REASON_NO)
    journey.shot("applicant-notices", applicant)

    # the public results, reached from the call's public page
    applicant.goto(f"{base}{call.get_absolute_url()}")
    applicant.locator("#formal-outcome").get_by_role("link", name="Oferty dopuszczone i odrzucone").click()
    expect(applicant).to_have_url(f"{base}/calls/{call.slug}/formal-results/")
    expect(applicant.locator("[data-count=submitted]")).to_have_text("3")
    expect(applicant.locator("[data-count=admitted]")).to_have_text("2")
    expect(applicant.locator("[data-count=rejected]")).to_have_text("1")
    expect(applicant.locator("#admitted tbody th")).to_have_text(["001", "003"])
    rejected = applicant.locator("#rejected tbody tr")
    expect(rejected).to_have_count(1)
    expect(rejected.locator("th")).to_have_text("002")
    expect(rejected).to_contain_text("Fundacja Żubr")
    expect(rejected).to_contain_text(f"{CONFIRMATION_CRITERION}")
    expect(rejected).to_contain_text(REASON_NO)
    expect(applicant.locator("main")).not_to_contain_text(REASON_OVERRIDE)  # an override of a "Nie" is not a rejection
    journey.shot("public-formal-results", applicant)
