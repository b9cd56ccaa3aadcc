"""A volunteer treasurer signs up, registers the association and writes a joint offer in the
reference call through every step of the form; costs that break the call's limits block
submission, fixed costs (exactly 90% grant, exactly 15% administrative costs in action A)
let it through, and the control sum shown on screen is the one printed on the confirmation.

Everything is typed in the browser except the partner organisation, which must already be
registered in the portal (another organisation's members register it). The partner joins only
when its member accepts the invitation on their dashboard, in the browser too.
"""
import os
import re
import shutil
import subprocess
from datetime import timedelta
from io import BytesIO

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from e2e.journey import confirm_in_dialog
from tests_support.factories import DEFAULT_PASSWORD, MembershipFactory, OrganisationFactory

PASSWORD = "Skarbnik-2025-las"
ORG_NAME = "Stowarzyszenie Przyjaciół Puszczy Białowieskiej"
OFFER_TITLE = "Puszcza dla wszystkich: warsztaty i świetlica"
SPACES = re.compile(r"[\s\u00a0\u202f]+")

# (kind, name, unit, quantity, unit cost, grant, own financial), amounts typed the Polish way.
BROKEN_COSTS = {
    "A": [("substantive", "Warsztaty przyrodnicze", "warsztat", "10", "800,00", "8 000,00", "0"),
          ("administrative", "Koordynacja zadania", "miesiąc", "1", "2000", "2 000,00", "0")],
    "D": [("substantive", "Zajęcia świetlicowe", "godzina", "120", "100,00", "11 000,00", "1 000,00")],
}
# A: 8 500 + 1 500 (admin exactly 15,00%), grant 9 000; D: 12 000, grant 10 800: 19 800 of 22 000 = 90,00%.
FIXED_COSTS = {
    "A": [("substantive", "Warsztaty przyrodnicze", "warsztat", "10", "850,00", "7 650,00", "850,00"),
          ("administrative", "Koordynacja zadania", "miesiąc", "1", "1 500,00", "1 350,00", "150,00")],
    "D": [("substantive", "Zajęcia świetlicowe", "godzina", "120", "100,00", "10 800,00", "1 200,00")],
}


def flat(text: str) -> str:
    """Whitespace (spaces, no-break spaces inside amounts, line breaks) collapsed to one space."""
    return SPACES.sub(" ", text).strip()


@pytest.fixture
def partner_member(db):
    """The foundation that joins the offer, registered in the portal (with its member) before the
    treasurer arrives."""
    organisation = OrganisationFactory(name="Fundacja Puszcza Dzieciom", legal_form="foundation",
                                       bank_account="PL27114020040000300201355387")
    return MembershipFactory(organisation=organisation, user__email="piotr@puszcza-dzieciom.example.org")


@pytest.fixture
def partner_organisation(partner_member):
    return partner_member.organisation


def log_in(journey, email: str, password: str) -> None:
    page = journey.page
    page.context.clear_cookies()
    page.goto(f"{journey.base}/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    journey.post(page.locator("main button[type=submit]"))


class Journey:
    """The browser, the server and a numbered screenshot per step."""

    def __init__(self, page: Page, base_url: str, shots):
        self.page, self.base, self.shots, self.n = page, base_url, shots, 0

    def shot(self, name: str) -> None:
        self.n += 1
        self.page.screenshot(path=self.shots / f"offer-journey-{self.n:02d}-{name}.png", full_page=True)

    def post(self, button) -> None:
        """Click a submit button and wait for the answer page; a page that says nothing was saved fails here.
        An irreversible action (data-confirm) asks first in a dialog, confirmed here."""
        dialog_id = button.get_attribute("data-confirm")
        if dialog_id:
            button.click()
            confirm_in_dialog(self.page, dialog_id)
        else:
            with self.page.expect_navigation():
                button.click()
        errors = self.page.locator("#error-summary, .invalid-feedback")
        assert errors.count() == 0, f"{self.page.url}: {[flat(t) for t in errors.all_inner_texts()]}"

    def save_and_next(self, offer_pk: int, section: str, next_path: str) -> None:
        expect(self.page).to_have_url(f"{self.base}/offers/{offer_pk}/{section}/")
        self.shot(section)
        self.post(self.page.locator("button[name=next]"))
        expect(self.page).to_have_url(f"{self.base}{next_path}")


def fill_costs(page: Page, costs: dict) -> None:
    """Fill the rows of each action's costs, adding a row with the page's button when one is missing."""
    for code, rows in costs.items():
        section = page.locator(f"[data-cost-action='{code}']")
        cards = section.locator("[data-cost-row]")
        while cards.count() < len(rows):
            section.locator("button[data-add-row]").click()
        for index, (kind, name, unit, quantity, unit_cost, grant, own) in enumerate(rows):
            card = cards.nth(index)
            card.locator("[name$='-kind']").select_option(kind)
            card.locator("[name$='-name']").fill(name)
            card.locator("[name$='-unit']").fill(unit)
            card.locator("[name$='-quantity']").fill(quantity)
            card.locator("[name$='-unit_cost']").fill(unit_cost)
            card.locator("[name$='-grant']").fill(grant)
            card.locator("[name$='-own_financial']").fill(own)
            expect(card.locator("[data-row-mismatch]")).to_be_hidden()  # the sources add up to the cost


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_treasurer_writes_a_joint_offer_fixes_its_costs_and_submits_it(
    partner_member, partner_organisation, reference_call, live_server, page: Page, screenshot_dir
):
    base = live_server.url
    journey = Journey(page, base, screenshot_dir)
    call = reference_call
    start, end = call.realisation_start, call.realisation_end - timedelta(days=1)

    # --- 1. an account and the organisation -----------------------------------------------------
    page.goto(f"{base}/accounts/signup/")
    page.locator("#id_full_name").fill("Teresa Skarbnik")
    page.locator("#id_email").fill("skarbnik@puszcza.example.org")
    page.locator("#id_phone").fill("600 100 200")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    journey.shot("signup")
    journey.post(page.locator("main form button[type=submit]"))
    expect(page).to_have_url(f"{base}/accounts/profile/")

    page.locator("main a[href='/organisations/new/']").first.click()  # "Register an organisation"
    expect(page).to_have_url(f"{base}/organisations/new/")
    page.locator("#id_name").fill(ORG_NAME)
    page.locator("#id_legal_form").select_option("association")
    page.locator("#id_krs").fill("0000123456")
    page.locator("#id_nip").fill("123-456-32-18")
    page.locator("#id_regon").fill("123456785")
    page.locator("#id_street").fill("ul. Parkowa 7")
    page.locator("#id_postal_code").fill("17-200")
    page.locator("#id_city").fill("Hajnówka")
    page.locator("#id_email").fill("biuro@puszcza.example.org")
    page.locator("#id_phone").fill("85 682 11 22")
    page.locator("#id_bank_account").fill("PL61 1090 1014 0000 0712 1981 2874")
    page.locator("#id_representatives").fill("Teresa Skarbnik – skarbnik zarządu")
    journey.shot("organisation")
    journey.post(page.locator("main form button[type=submit]"))
    expect(page).to_have_url(re.compile(re.escape(base) + r"/organisations/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(ORG_NAME)
    details = page.locator("main dl")
    expect(details).to_contain_text("1234563218")  # typed with hyphens, stored as digits
    expect(details).to_contain_text("PL61 1090 1014 0000 0712 1981 2874")

    # --- 2. the call, and a new offer ---------------------------------------------------------------
    page.goto(f"{base}{call.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(call.title)
    journey.shot("call")
    create_path = f"/calls/{call.slug}/offers/new/"
    page.locator(f"main a[href='{create_path}']").click()  # "Submit an offer"
    expect(page).to_have_url(f"{base}{create_path}")
    page.locator("#id_organisation").select_option(label=ORG_NAME)
    page.locator("#id_title").fill(OFFER_TITLE)
    journey.shot("start")
    journey.post(page.locator("main form button[type=submit]"))
    match = re.fullmatch(re.escape(base) + r"/offers/(\d+)/basics/", page.url)
    assert match, page.url
    offer_pk = int(match.group(1))
    step = f"/offers/{offer_pk}"

    # basics
    expect(page.locator("#id_title")).to_have_value(OFFER_TITLE)
    page.locator("#id_start_date").fill(start.isoformat())
    page.locator("#id_end_date").fill(end.isoformat())
    journey.save_and_next(offer_pk, "basics", f"{step}/offerors/")

    # offerors: the partner with its role
    expect(page.locator("#lead-heading + .card")).to_contain_text(ORG_NAME)
    page.locator("select[name='partners-0-organisation']").select_option(
        label=f"{partner_organisation.name} ({partner_organisation.city})")
    page.locator("input[name='partners-0-role']").fill("partner merytoryczny: prowadzi świetlicę")
    journey.save_and_next(offer_pk, "offerors", f"{step}/description/")
    page.goto(f"{base}{step}/")  # invited, not an offeror: only its name, and it blocks submission
    expect(page.locator("#pending-partners")).to_contain_text("Fundacja Puszcza Dzieciom")
    expect(page.locator("#checklist")).to_contain_text("Partner „Fundacja Puszcza Dzieciom” nie przyjął jeszcze")
    expect(page.locator("main")).not_to_contain_text("PL27")
    journey.shot("partner-invited")

    # the partner's member accepts on their dashboard; the treasurer goes on
    log_in(journey, partner_member.user.email, DEFAULT_PASSWORD)
    page.goto(f"{base}/my/")
    invitation = page.locator("#partner-requests [data-partner-request]")
    expect(invitation).to_contain_text(ORG_NAME)
    expect(invitation).to_contain_text(OFFER_TITLE)
    journey.shot("partner-dashboard")
    journey.post(invitation.get_by_role("button", name="Przyjmij zaproszenie"))
    expect(page).to_have_url(f"{base}{step}/")
    expect(page.locator("main")).to_contain_text("Fundacja Puszcza Dzieciom jest teraz partnerem oferty wspólnej")
    log_in(journey, "skarbnik@puszcza.example.org", PASSWORD)
    page.goto(f"{base}{step}/description/")

    # description of the task
    for name, text in {
        "synthetic_description": "Warsztaty przyrodnicze w strefach rewitalizacji i świetlica dla dzieci z ul. Lipowej.",
        "target_groups": "Dzieci 10–15 lat i seniorzy z obszaru rewitalizacji; rekrutacja przez szkoły i MOPS.",
        "complementarity": "Uzupełnia program LPR 6 i zajęcia biblioteki miejskiej.",
        "direct_effects": "100 uczestników warsztatów, 12 dzieci w świetlicy.",
        "social_change": "Więcej kontaktów między pokoleniami w strefach rewitalizacji.",
        "durability": "Świetlica działa dalej dzięki wolontariuszom stowarzyszenia.",
    }.items():
        page.locator(f"#id_{name}").fill(text)
    journey.save_and_next(offer_pk, "description", f"{step}/actions/")

    # actions A and D (this step saves only on a click)
    page.get_by_role("checkbox", name=re.compile(r"^A\. ")).check()
    page.get_by_role("checkbox", name=re.compile(r"^D\. ")).check()
    journey.save_and_next(offer_pk, "actions", f"{step}/indicators/")

    # indicators: each exactly the minimum the page shows beside it (the boundary passes)
    values = page.locator("input[name^='value_']")
    expect(values).to_have_count(7)  # A has five mandatory indicators, D two
    for index in range(values.count()):
        field = values.nth(index)
        name = field.get_attribute("name")
        minimum = re.search(r"\d+(?:,\d+)?", page.locator(f"#id_{name}_min").inner_text())
        assert minimum, f"no minimum shown beside {name}"
        if field.is_enabled():  # a computed indicator (A.3: the zones ticked) is shown, never typed
            field.fill(minimum.group())
        page.locator(f"input[name='monitoring_{name.removeprefix('value_')}']").fill("listy obecności")
    journey.save_and_next(offer_pk, "indicators", f"{step}/schedule/")

    # plan and schedule: one activity
    page.locator("input[name='schedule-0-activity']").fill("Warsztaty przyrodnicze w strefach")
    page.locator("textarea[name='schedule-0-description']").fill("Dziesięć warsztatów w terenie.")
    page.locator("input[name='schedule-0-target_group']").fill("dzieci i seniorzy")
    page.locator("input[name='schedule-0-start_date']").fill(start.isoformat())
    page.locator("input[name='schedule-0-end_date']").fill(end.isoformat())
    page.locator("select[name='schedule-0-offer_action']").select_option(index=1)
    page.locator("select[name='schedule-0-responsible']").select_option(label=ORG_NAME)
    journey.save_and_next(offer_pk, "schedule", f"{step}/zones/")

    # three zones, two LPR projects
    for zone in ("Chemiczna", "Kolejki Leśne", "Chopina"):
        page.get_by_role("checkbox", name=zone, exact=True).check()
    projects = page.locator("input[name='lpr_projects']")
    projects.nth(0).check()
    projects.nth(1).check()
    journey.save_and_next(offer_pk, "zones", f"{step}/resources/")

    # resources
    page.locator("#id_experience").fill("Od 2012 r. prowadzimy zajęcia przyrodnicze dla dzieci.")
    page.locator("#id_resources").fill("Sala w domu kultury, 2 edukatorów, sprzęt terenowy.")
    page.locator("#id_volunteers").fill("4 wolontariuszy, ok. 60 godzin")
    journey.save_and_next(offer_pk, "resources", f"{step}/costs/")

    # --- 3. costs that break the call's rules ------------------------------------------------------
    fill_costs(page, BROKEN_COSTS)
    totals = page.locator("#totals")
    expect(totals.locator("[data-sum='all:grant_share']")).to_have_text("95,45%")  # recomputed as typed
    expect(totals.locator("[data-sum='A:admin_share']")).to_have_text("20,00%")
    expect(totals.locator("[data-sum='A:admin_share']")).to_have_class(re.compile(r"\btext-danger\b"))
    journey.save_and_next(offer_pk, "costs", f"{step}/other/")

    page.locator("#id_other_information").fill("Zadanie realizujemy po raz pierwszy.")
    journey.save_and_next(offer_pk, "other", f"{step}/statements/")

    # the call's eight statements: six confirmed by a tick, the two arrears statements answered by a variant
    statements = page.locator("input[type=checkbox][name^='st_']")
    expect(statements).to_have_count(6)
    for index in range(6):
        statements.nth(index).check()
    variants = page.locator("input[type=radio][name$='_arrears'][value='none']")
    expect(variants).to_have_count(2)
    for variant in variants.all():
        variant.check()  # "nie zalega"
    journey.save_and_next(offer_pk, "statements", f"{step}/")

    # the overview: exactly the two cost problems, each linking to the costs step; no submission
    checklist = page.locator("#checklist")
    problems = checklist.locator("ul.offer-checklist li")
    expect(problems).to_have_count(2)
    texts = [flat(t) for t in problems.all_inner_texts()]
    grant_problem = next((t for t in texts if "90,00%" in t), None)
    admin_problem = next((t for t in texts if "15,00%" in t), None)
    assert grant_problem and "95,45%" in grant_problem and "21 000,00 zł" in grant_problem \
        and "22 000,00 zł" in grant_problem, texts
    assert admin_problem and "20,00%" in admin_problem and "2 000,00 zł" in admin_problem \
        and "10 000,00 zł" in admin_problem and re.search(r"\bA\b", admin_problem), texts
    expect(problems.locator(f"a[href^='{step}/costs/']")).to_have_count(2)
    submit = page.locator("#submission button[type=submit]")
    expect(submit).to_be_disabled()
    expect(submit).to_have_attribute("aria-describedby", "submit-reason")
    reason = page.locator("#submit-reason")
    expect(reason).to_be_visible()
    expect(reason).to_contain_text("2")
    expect(reason.locator("a[href='#checklist']")).to_be_visible()
    journey.shot("overview-blocked")

    # --- 4. fix the costs, submit --------------------------------------------------------------------
    checklist.locator(f"h3 a[href='{step}/costs/']").click()
    expect(page).to_have_url(f"{base}{step}/costs/")
    fill_costs(page, FIXED_COSTS)
    expect(totals.locator("[data-sum='all:grant_share']")).to_have_text("90,00%")
    expect(totals.locator("[data-sum='A:admin_share']")).to_have_text("15,00%")
    expect(totals.locator("[data-sum='A:admin_share']")).not_to_have_class(re.compile(r"\btext-danger\b"))
    expect(totals.locator("[data-sum='all:total']")).to_have_text(re.compile(r"^22\s000,00$"))
    journey.shot("costs-fixed")
    journey.post(page.locator("button[name=save]"))
    expect(page).to_have_url(f"{base}{step}/costs/")
    expect(page.locator("#section-problems")).to_be_hidden()
    page.locator(f"form[data-offer-step] a[href='{step}/']").click()  # "Overview and submission"
    expect(page).to_have_url(f"{base}{step}/")

    expect(checklist.locator("ul.offer-checklist")).to_have_count(0)
    expect(checklist.locator("p.text-success")).to_be_visible()
    expect(page.locator("#submit-reason")).to_have_count(0)
    expect(submit).to_be_enabled()
    journey.shot("overview-ready")
    preview = page.locator("#preview-pdf")  # "Podgląd PDF": the draft as it would be submitted, marked PROJEKT
    answer = page.request.get(base + preview.get_attribute("href"))
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    journey.post(submit)  # asks first: the dialog says what submitting does
    expect(page).to_have_url(f"{base}{step}/next-steps/")
    expect(page.locator("h1")).to_contain_text("co dalej")
    expect(page.locator("#confirmation-deadline")).to_be_visible()
    expect(page.locator("#confirmation-address")).not_to_be_empty()
    expect(page.locator("#confirmation-pdf")).to_be_visible()
    expect(page.locator("#sign-electronically")).to_be_visible()
    journey.shot("next-steps")
    assert checksum_of(page) in SPACES.sub("", page.locator(".messages").inner_text()).lower()
    page.get_by_role("link", name="Wróć do oferty").click()
    expect(page).to_have_url(f"{base}{step}/")
    expect(page.locator("#checklist")).to_have_count(0)  # a submitted offer no longer "can be submitted"
    shown = page.locator("#submission code.checksum")
    expect(shown).to_be_visible()
    checksum = SPACES.sub("", shown.inner_text()).lower()
    assert re.fullmatch(r"[0-9a-f]{64}", checksum), shown.inner_text()
    expect(page.locator(f"#submission form[action='{step}/submit/']")).to_have_count(0)  # only "withdraw" is left
    expect(page.locator(f"#submission form[action='{step}/withdraw/']")).to_be_visible()
    journey.shot("submitted")

    # --- the confirmation PDF carries the same control sum --------------------------------------------
    # The overview has no link to the confirmation; the applicant's dashboard (/my/) has one.
    page.locator("header a[href='/my/']").click()  # "My offers" in the menu
    expect(page).to_have_url(f"{base}/my/")
    link = page.locator(f"a[href='/offers/{offer_pk}/versions/1/confirmation.pdf']")
    expect(link).to_be_visible()
    journey.shot("dashboard")
    response = page.request.get(f"{base}{link.get_attribute('href')}")  # the page's session cookie goes along
    assert response.ok, response.status
    assert response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    (screenshot_dir / "offer-journey-confirmation.pdf").write_bytes(pdf)
    text = "".join(p.extract_text() or "" for p in PdfReader(BytesIO(pdf)).pages)
    assert checksum in SPACES.sub("", text).lower(), "the control sum shown on screen is not in the confirmation PDF"
    # and as the issue asks, with pdftotext (poppler-utils; .ci/run installs it): the plain 64-hex line
    if shutil.which("pdftotext") or os.environ.get("CI") == "true":
        plain = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
        assert checksum in plain, "pdftotext does not find the control sum shown on screen"


def checksum_of(page) -> str:
    """The control sum shown on the page, without the spaces that group it."""
    return SPACES.sub("", page.locator("main code.checksum").first.inner_text()).lower()
