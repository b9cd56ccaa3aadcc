"""The whole competition in one browser journey, every step done on screen as its user does it.

1. A clerk defines a call by hand on the manage screens (basic data, two actions with their
   indicators, zones, LPR projects, four formal criteria, a judged criterion and a step
   scale), first with a deadline too early (the Polish error, linked to its field), checks it,
   publishes it and seats a commission of three.
2. Two organisations write and submit offers: a joint offer of an association and a
   foundation, written with the mouse; and a foundation's offer written and submitted with
   the keyboard alone (Tab, Shift+Tab, typing, Space, Enter; the focus is visible each time),
   whose indicators are first typed wrong (the error summary links to the field, which keeps
   what was typed) and then corrected.
3. The clock moves past the submission deadline (the only change made in the database), the
   clerk closes submissions, records both paper confirmations and runs the formal check.
4. Three commission members declare, one of them a conflict on one offer (he cannot open it),
   and score; the chair closes the merit evaluation.
5. A clerk proposes the allocation; the authority lowers one grant and decides; a clerk publishes.
6. The applicant with the lower grant changes the costs to match it and submits the updated
   offer: the lower grant is accepted.
7. Anybody reads the results page and the PDFs (results, ranking, formal results); the clerk
   downloads the commission's protocol (it is not public: `awards.views_protocol`).

At the first visit of each page type (URL pattern) per role, axe-core checks WCAG 2.1 A/AA;
the public's and the applicants' pages must also fit a 375 px wide screen. Every finding is
collected and reported at the end, so one run shows them all.
"""
import re
import shutil
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import resolve, reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from awards.models import AwardEvent
from competition.models import Call, CommissionMember
from e2e.journey import Journey, flat
from evaluation.models import Declaration, FormalSheet, ScoreSheet
from offers.models import Offer, OfferPartner
from tests_support.factories import (
    DEFAULT_PASSWORD,
    ClerkFactory,
    MayorFactory,
    official_authorities,
    MembershipFactory,
    UserFactory,
    wojt,
)

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}
PHONE_ROLES = ("anonymous", "applicant")
PHONE = 375
CALL_TITLE = "Aktywni w rewitalizacji – konkurs ofert na działania społeczne"
JOINT_TITLE = "Podwórka i świetlica razem"
SINGLE_TITLE = "Świetlica pod Lipą"
JUSTIFICATION = "Opis rzetelny, zgodny z celami konkursu."
CONFLICT = "Jestem członkiem zarządu fundacji, która złożyła tę ofertę."
ORDER = "Zarządzenie nr 77/2026"
# One cost row per action: (name, unit, quantity, unit cost, grant, own financial), typed the Polish way.
COSTS = {
    "A": ("Warsztaty animacyjne", "warsztat", "10", "500,00", "4 500,00", "500,00"),
    "D": ("Zajęcia świetlicowe", "godzina", "40", "100,00", "3 600,00", "400,00"),
}
LOWER_A = Decimal("4000.00")
# The focused element shows a ring: an outline or a box shadow (WCAG 2.4.7).
FOCUS_RING = """el => { const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  return outline || (s.boxShadow !== '' && s.boxShadow !== 'none'); }"""
# 0: el has the focus; 1: the focus is before el (press Tab); -1: after it (press Shift+Tab).
WHERE_IS_FOCUS = """el => { const a = document.activeElement;
  if (a === el) return 0;
  if (!a || a === document.body) return 1;
  return (el.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) ? -1 : 1; }"""


# How a date field takes typed digits depends on the browser's own locale, not the page's.
DATE_ORDERS = ("%d%m%Y", "%m%d%Y", "%Y%m%d")


class FullJourney(Journey):
    """The journey's browser page, with an accessibility check at the first visit of each page
    type (URL pattern) per role, and keyboard-only steps."""

    name = "full"

    def __init__(self, page: Page, base: str, shots):
        super().__init__(page, base, shots)
        self.role = "anonymous"
        self.axe = Axe()
        self.seen: set[tuple[str, str]] = set()
        self.findings: list[str] = []
        self.date_order = ""

    # --- the accessibility checks -------------------------------------------------------------

    def audit(self) -> None:
        """axe (and for the public and applicants, the 375 px reflow) at the first visit of a page type."""
        path = urlsplit(self.page.url).path
        key = (self.role, resolve(path).route)
        if key in self.seen:
            return
        self.seen.add(key)
        violations = self.axe.run(self.page, options=WCAG).response["violations"]
        for v in violations:
            targets = [n["target"] for n in v["nodes"][:5]]
            self.findings.append(f"[{self.role}] {path}: {v['id']} ({v['impact']}) {v['help']} — {targets}")
        if self.role in PHONE_ROLES:
            # Resized in place, not reloaded: the page may be the answer to a POST.
            self.resize(PHONE, 800)
            width = self.page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE:
                self.findings.append(f"[{self.role}, {PHONE} px] {path}: the page is {width} px wide")
            self.resize(1280, 900)

    def resize(self, width: int, height: int) -> None:
        """The viewport resized, and the page laid out again at the new width before going on."""
        self.page.set_viewport_size({"width": width, "height": height})
        self.page.wait_for_function(f"window.innerWidth === {width} && window.matchMedia('(width: {width}px)').matches")

    @property
    def scanned(self) -> dict[str, list[str]]:
        by_role: dict[str, list[str]] = {}
        for role, route in sorted(self.seen):
            by_role.setdefault(role, []).append(route)
        return by_role

    # --- moving around ---------------------------------------------------------------------------

    def go(self, path: str) -> None:
        super().go(path)
        self.audit()

    def follow(self, link: Locator) -> None:
        with self.page.expect_navigation():
            link.click()
        self.audit()

    def post(self, button, *, expect_errors: bool = False) -> None:
        super().post(button, expect_errors=expect_errors)
        self.audit()

    def log_in(self, email: str, role: str) -> None:
        self.role = "anonymous"
        self.page.context.clear_cookies()
        self.go("/accounts/login/")
        self.page.locator("#id_username").fill(email)
        self.page.locator("#id_password").fill(DEFAULT_PASSWORD)
        self.role = role
        super().post(self.page.locator("main button[type=submit]"))
        expect(self.page).to_have_url(f"{self.base}/accounts/waiting/")
        self.audit()

    def log_out(self) -> None:
        self.page.context.clear_cookies()
        self.role = "anonymous"

    # --- the keyboard alone ----------------------------------------------------------------------

    def tab_to(self, target: Locator, *, limit: int = 250) -> None:
        """Tab until `target` has the focus (Shift+Tab first while the focus is past it, so a field is
        always entered forwards: a date field at its first part), and check that the focus shows."""
        handle = target.element_handle()
        backwards = False
        for _ in range(limit):
            where = handle.evaluate(WHERE_IS_FOCUS)
            if where == -1 or (backwards and where == 0):
                backwards = True
                self.page.keyboard.press("Shift+Tab")
            elif where == 0:
                break
            else:
                backwards = False
                self.page.keyboard.press("Tab")
        else:
            raise AssertionError(f"{self.page.url}: the keyboard never reaches {target}")
        assert handle.evaluate(FOCUS_RING), f"{self.page.url}: no visible focus on {target}"

    def type_date(self, field: Locator, day: date) -> None:
        """A date typed as digits into a date field. The order of its parts (day, month, year) is the
        browser's own, so the first date tries each order, clearing the field between tries."""
        self.tab_to(field)
        for order in [self.date_order] if self.date_order else DATE_ORDERS:
            self.page.keyboard.type(day.strftime(order))
            if field.input_value() == day.isoformat():
                self.date_order = order
                return
            for key in ("Backspace", "Shift+Tab", "Backspace", "Shift+Tab", "Backspace"):
                self.page.keyboard.press(key)
        raise AssertionError(f"{self.page.url}: {day} cannot be typed into {field}: {field.input_value()!r}")

    def type_into(self, target: Locator, text: str) -> None:
        self.tab_to(target)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text)

    def press_on(self, target: Locator, key: str = "Enter") -> None:
        self.tab_to(target)
        self.page.keyboard.press(key)

    def choose(self, select: Locator, label: str) -> None:
        """A closed <select> moved with the arrow keys to the option of this value or label (or label start)."""
        self.tab_to(select)
        options = select.locator("option").evaluate_all("os => os.map(o => [o.value, o.textContent])")
        wanted = next((i for i, (value, text) in enumerate(options) if label in (value, flat(text))
                       or flat(text).startswith(label)), None)
        assert wanted is not None, f"no option {label!r} among {options}"
        current = select.evaluate("el => el.selectedIndex")
        for _ in range(abs(wanted - current)):
            self.page.keyboard.press("ArrowDown" if wanted > current else "ArrowUp")
        assert select.evaluate("el => el.selectedIndex") == wanted, f"{label} not chosen in {select}"

    def tick(self, checkbox: Locator) -> None:
        self.tab_to(checkbox)
        if not checkbox.is_checked():
            self.page.keyboard.press("Space")
        expect(checkbox).to_be_checked()

    def submit_by_key(self, button: Locator, *, expect_errors: bool = False) -> None:
        self.tab_to(button)
        if button.get_attribute("data-confirm"):  # an irreversible action: its dialog, by keyboard too
            self.page.keyboard.press("Enter")
            dialog = self.page.locator(f"dialog#{button.get_attribute('data-confirm')}")
            expect(dialog).to_be_visible()
            expect(dialog.locator("[data-confirm-cancel]")).to_be_focused()
            self.page.keyboard.press("Tab")
            expect(dialog.locator("[data-confirm-ok]")).to_be_focused()
            with self.page.expect_navigation():
                self.page.keyboard.press("Enter")
        else:
            with self.page.expect_navigation():
                self.page.keyboard.press("Enter")
        errors = self.page.locator("#error-summary, .invalid-feedback, .alert-danger")
        if not expect_errors:
            assert errors.count() == 0, f"{self.page.url}: {[flat(t) for t in errors.all_inner_texts()]}"
        self.audit()


def assert_page_basics(journey: FullJourney) -> None:
    """Polish, and a skip link to the content as the first thing the keyboard reaches."""
    page = journey.page
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    skip = page.locator("a.skip-link")
    expect(skip).to_have_attribute("href", "#main")
    expect(skip).to_have_text("Przejdź do treści")
    expect(page.locator("#main")).to_have_count(1)


def assert_error_summary(journey: FullJourney, fields: list[str]) -> None:
    """The summary at the top links to each field in error; each is marked aria-invalid."""
    page = journey.page
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()  # the page moves the focus there (focus_errors.js)
    hrefs = summary.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for field in fields:
        assert f"#{field}" in hrefs, f"{page.url}: no link to #{field} in the summary: {hrefs}"
        expect(page.locator(f"#{field}")).to_have_attribute("aria-invalid", "true")
    for href in hrefs:
        assert re.fullmatch(r"#id_[-\w]+", href), f"{page.url}: the summary links to {href!r}, not to a field"


# --- 1. the clerk defines and publishes the call ---------------------------------------------------


def fill_rows(page: Page, rows: list[dict[str, str]]) -> None:
    """Formset rows by their field suffix: {"code": "A", ...}; `select:` and `check:` prefixes."""
    for index, row in enumerate(rows):
        for name, value in row.items():
            if name.startswith("select:"):
                page.locator(f"[name$='-{index}-{name[7:]}']").select_option(value)
            else:
                page.locator(f"[name$='-{index}-{name}']").fill(value)


def save_section(journey: FullJourney, link: Locator, rows: list[dict[str, str]]) -> None:
    """Open a section from the call's page, fill its rows and save; a section with more rows than the
    screen shows is saved with "Save and keep editing" first, which adds empty rows."""
    page = journey.page
    journey.follow(link)
    while (shown := page.locator("fieldset[id$='-row']").count()) < len(rows):
        fill_rows(page, rows[:shown])
        journey.post(page.get_by_role("button", name="Zapisz i edytuj dalej"))
        expect(page.locator(".messages")).to_contain_text("Zmiany zostały zapisane.")
    fill_rows(page, rows)
    journey.post(page.locator("main form button[type=submit]").first)
    expect(page.locator(".messages")).to_contain_text("Zmiany zostały zapisane.")


def clerk_defines_the_call(journey: FullJourney, today: date) -> Call:
    page = journey.page
    page.locator("header").get_by_role("link", name="Zarządzanie konkursami").click()
    journey.audit()
    journey.follow(page.locator("main a[href='/manage/new-call/']").first)
    assert_page_basics(journey)
    deadline = today + timedelta(days=25)
    basics = {
        "title": CALL_TITLE,
        "order_number": "41/2026",
        "public_task_type": "Działalność na rzecz integracji i reintegracji społecznej",
        "legal_basis": "Ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie",
        "confirmation_address": "Urząd Miasta Hajnówka, ul. Aleksandra Zina 1, kancelaria",
    }
    for name, value in basics.items():
        page.locator(f"#id_{name}").fill(value)
    page.locator("#id_authority").select_option(label="Wójt Gminy Kamienna Struga")  # a Wójt's call
    page.locator("#id_announcement_date").fill(today.isoformat())
    too_early = today + timedelta(days=10)
    page.locator("#id_submission_deadline").fill(f"{too_early.isoformat()}T23:59")
    page.locator("#id_confirmation_deadline").fill(f"{(deadline + timedelta(days=2)).isoformat()}T15:30")
    page.locator("#id_decision_date").fill((deadline + timedelta(days=20)).isoformat())
    page.locator("#id_realisation_start").fill((deadline + timedelta(days=30)).isoformat())
    page.locator("#id_realisation_end").fill((deadline + timedelta(days=150)).isoformat())
    for form in ("association", "foundation"):
        page.locator(f"input[name=eligible_entity_types][value={form}]").check()
    page.locator("#id_min_actions").fill("2")
    journey.shot("clerk-new-call")

    # the deadline is too early (art. 13): the error is at the top, linked to the field; nothing is lost
    journey.post(page.get_by_role("button", name="Zapisz", exact=True), expect_errors=True)
    assert_error_summary(journey, ["id_submission_deadline"])
    expect(page.locator("#error-summary")).to_contain_text("co najmniej 21 dni")
    expect(page.locator("#id_title")).to_have_value(CALL_TITLE)
    expect(page.locator("input[name=eligible_entity_types][value=foundation]")).to_be_checked()
    assert not Call.objects.exists()
    journey.shot("clerk-new-call-error")
    page.locator("#id_submission_deadline").fill(f"{deadline.isoformat()}T23:59")
    journey.post(page.get_by_role("button", name="Zapisz", exact=True))
    call = Call.objects.get()
    assert call.is_draft and call.title == CALL_TITLE
    expect(page).to_have_url(journey.base + reverse("competition:manage_detail", kwargs={"slug": call.slug}))

    def edit(label: str) -> Locator:
        hidden = page.locator(".visually-hidden", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$"))
        return page.locator("main a", has=hidden)

    save_section(journey, edit("działania"), [
        {"code": "A", "title": "Animacja w obszarze rewitalizacji", "budget": "10 000,00"},
        {"code": "D", "title": "Świetlica dla dzieci i młodzieży", "budget": "8 000,00"},
    ])
    save_section(journey, edit("wskaźniki działania A"), [
        {"name": "Liczba odbiorców bezpośrednich", "unit": "osoby", "minimum": "20"}])
    save_section(journey, edit("wskaźniki działania D"), [
        {"name": "Godziny otwarcia świetlicy", "unit": "godziny", "minimum": "40"}])
    journey.follow(edit("strefy urbanistyczne"))
    page.locator("#id_zones").fill("Chemiczna\nLipowa I\nCentrum-Millenium")
    journey.post(page.get_by_role("button", name="Zapisz", exact=True))
    save_section(journey, edit("przedsięwzięcia LPR"), [
        {"code": "6", "name": "Świetlica środowiskowa"}, {"code": "10", "name": "Animacja podwórek"}])
    save_section(journey, edit("kryteria formalne"), [
        {"question": "Czy oferta została złożona w terminie?", "select:auto_check": "submitted_on_time"},
        {"question": "Czy potwierdzenie złożenia oferty zostało podpisane i doręczone w terminie?",
         "select:auto_check": "confirmation_on_time"},
        {"question": "Czy oferent jest uprawniony do udziału w konkursie?", "select:auto_check": "eligible_entity"},
        {"question": "Czy zadanie jest realizowane w obszarze rewitalizacji?", "select:auto_check": "zones_covered"},
    ])
    save_section(journey, edit("kryteria merytoryczne"), [
        {"code": "a", "title": "Opis zadania", "select:kind": "judgement"},
        {"code": "g", "title": "Oferta złożona przez", "select:kind": "scale", "select:source": "offerors"},
    ])
    criteria = list(call.merit_criteria.all())
    judged = page.locator(f"main a[href$='/merit-criteria/{criteria[0].pk}/']")
    save_section(journey, judged, [
        {"name": "Wpływ na cele konkursu", "min": "0", "max": "3"},
        {"name": "Opis odbiorców zadania", "min": "0", "max": "4"}])
    scale = page.locator(f"main a[href$='/merit-criteria/{criteria[1].pk}/']")
    save_section(journey, scale, [
        {"min_count": "1", "points": "0", "label": "jeden oferent"},
        {"min_count": "2", "points": "2", "label": "dwóch oferentów"}])
    journey.shot("clerk-call-draft")

    journey.follow(page.get_by_role("link", name="Sprawdź i opublikuj"))
    expect(page.get_by_role("status")).to_contain_text("Konkurs spełnia wszystkie zasady.")
    page.get_by_label("Sprawdziłem(-am) konkurs; opublikuj go teraz").check()
    journey.post(page.get_by_role("button", name="Opublikuj konkurs"))
    expect(page.locator(".messages")).to_contain_text("Konkurs został opublikowany.")
    call.refresh_from_db()
    assert call.state == Call.State.PUBLISHED and call.max_points == 9
    assert [a.code for a in call.actions.all()] == ["A", "D"]
    assert call.formal_criteria.count() == 4 and call.zones.count() == 3
    journey.shot("clerk-call-published")
    return call


def clerk_seats_the_commission(journey: FullJourney, call: Call, people: dict) -> None:
    page = journey.page
    journey.follow(page.get_by_role("link", name="Skład i ustawienia komisji"))
    for key, role in (("chair", "chair"), ("member", "member"), ("conflicted", "member")):
        form = page.locator("#add form")
        form.locator("#id_add-user").fill(people[key].email)
        form.locator("#id_add-role").select_option(role)
        journey.post(form.get_by_role("button", name="Dodaj do komisji"))
    seats = CommissionMember.objects.filter(call=call)
    assert seats.count() == 3 and seats.filter(role=CommissionMember.Role.CHAIR).count() == 1
    expect(page.locator("#members tbody tr")).to_have_count(3)
    journey.shot("clerk-commission")


# --- 2. two offers ---------------------------------------------------------------------------------

DESCRIPTION = {
    "synthetic_description": "Zajęcia na podwórkach i w świetlicy w strefach rewitalizacji.",
    "target_groups": "Dzieci 10–15 lat i ich rodzice z obszaru rewitalizacji.",
    "complementarity": "Uzupełnia przedsięwzięcie LPR nr 6.",
    "direct_effects": "20 uczestników, 40 godzin świetlicy.",
    "social_change": "Więcej sąsiedzkich kontaktów.",
    "durability": "Świetlica działa dalej z wolontariuszami.",
}
RESOURCES = {"experience": "Od 2015 r. prowadzimy zajęcia dla dzieci.", "resources": "Sala, dwoje animatorów.",
             "volunteers": "3 wolontariuszy"}


def offer_pk_from(journey: FullJourney) -> int:
    match = re.fullmatch(re.escape(journey.base) + r"/offers/(\d+)/basics/", journey.page.url)
    assert match, journey.page.url
    return int(match.group(1))


def next_step(journey: FullJourney, offer_pk: int, section: str) -> None:
    expect(journey.page).to_have_url(f"{journey.base}/offers/{offer_pk}/{section}/")
    journey.post(journey.page.locator("button[name=next]"))


def write_joint_offer(journey: FullJourney, call: Call, lead, partner) -> int:
    """The association's joint offer, with the mouse: every step of the form; the partner's member
    accepts the invitation on their dashboard, then the lead submits."""
    page = journey.page
    lead_name = lead.organisation.name
    journey.go(call.get_absolute_url())
    assert_page_basics(journey)
    journey.shot("applicant-call")
    journey.follow(page.locator(f"main a[href='/calls/{call.slug}/offers/new/']").first)
    page.locator("#id_title").fill(JOINT_TITLE)
    journey.post(page.locator("main form button[type=submit]"))
    pk = offer_pk_from(journey)
    start, end = call.realisation_start, call.realisation_end
    page.locator("#id_start_date").fill(start.isoformat())
    page.locator("#id_end_date").fill(end.isoformat())
    next_step(journey, pk, "basics")
    partner_org = partner.organisation
    page.locator("select[name='partners-0-organisation']").select_option(
        label=f"{partner_org.name} ({partner_org.city})")
    page.locator("input[name='partners-0-role']").fill("prowadzi świetlicę")
    next_step(journey, pk, "offerors")
    for name, text in DESCRIPTION.items():
        page.locator(f"#id_{name}").fill(text)
    next_step(journey, pk, "description")
    page.get_by_role("checkbox", name=re.compile(r"^A\. ")).check()
    page.get_by_role("checkbox", name=re.compile(r"^D\. ")).check()
    next_step(journey, pk, "actions")
    values = page.locator("input[name^='value_']")
    expect(values).to_have_count(2)
    for field in values.all():
        name = field.get_attribute("name")
        field.fill(re.search(r"\d+", page.locator(f"#id_{name}_min").inner_text()).group())
        page.locator(f"input[name='monitoring_{name.removeprefix('value_')}']").fill("listy obecności")
    next_step(journey, pk, "indicators")
    page.locator("input[name='schedule-0-activity']").fill("Zajęcia podwórkowe")
    page.locator("textarea[name='schedule-0-description']").fill("Zajęcia dwa razy w tygodniu.")
    page.locator("input[name='schedule-0-target_group']").fill("dzieci")
    page.locator("input[name='schedule-0-start_date']").fill(start.isoformat())
    page.locator("input[name='schedule-0-end_date']").fill(end.isoformat())
    page.locator("select[name='schedule-0-offer_action']").select_option(index=1)
    page.locator("select[name='schedule-0-responsible']").select_option(label=lead_name)
    next_step(journey, pk, "schedule")
    for zone in ("Chemiczna", "Lipowa I", "Centrum-Millenium"):
        page.get_by_role("checkbox", name=zone, exact=True).check()
    page.locator("input[name='lpr_projects']").first.check()
    next_step(journey, pk, "zones")
    for name, text in RESOURCES.items():
        page.locator(f"#id_{name}").fill(text)
    next_step(journey, pk, "resources")
    for code, (name, unit, quantity, unit_cost, grant, own) in COSTS.items():
        card = page.locator(f"[data-cost-action='{code}'] [data-cost-row]").first
        card.locator("[name$='-kind']").select_option("substantive")
        card.locator("[name$='-name']").fill(name)
        card.locator("[name$='-unit']").fill(unit)
        card.locator("[name$='-quantity']").fill(quantity)
        card.locator("[name$='-unit_cost']").fill(unit_cost)
        card.locator("[name$='-grant']").fill(grant)
        card.locator("[name$='-own_financial']").fill(own)
        expect(card.locator("[data-row-mismatch]")).to_be_hidden()
    expect(page.locator("#totals [data-sum='all:grant_share']")).to_have_text("90,00%")
    next_step(journey, pk, "costs")
    next_step(journey, pk, "other")
    for box in page.locator("input[type=checkbox][name^='st_']").all():
        box.check()
    for variant in page.locator("input[type=radio][name$='_arrears'][value='arrears']").all():
        variant.check()  # "zalega" is an answer too: a statement with two variants is made by choosing one
    next_step(journey, pk, "statements")
    expect(page).to_have_url(f"{journey.base}/offers/{pk}/")
    journey.audit()
    # the partner has not accepted yet: named in the checklist, only its name shown, no submission
    expect(page.locator("#checklist")).to_contain_text(f"Partner „{partner_org.name}” nie przyjął jeszcze zaproszenia")
    expect(page.locator("#pending-partners")).to_contain_text(partner_org.name)
    expect(page.locator("main")).not_to_contain_text(partner_org.bank_account)
    expect(page.locator("#submission button[type=submit]")).to_be_disabled()
    journey.shot("applicant-joint-partner-invited")
    partner_accepts(journey, pk, partner)
    journey.log_in(lead.user.email, "applicant")
    journey.go(f"/offers/{pk}/")
    submit = page.locator("#submission button[type=submit]")
    expect(submit).to_be_enabled()
    journey.post(submit)
    expect(page).to_have_url(f"{journey.base}/offers/{pk}/next-steps/")  # "Co dalej": what to deliver, by when, where
    expect(page.locator("#deliver-confirmation code.checksum, main code.checksum").first).to_be_visible()
    journey.shot("applicant-joint-submitted")
    offer = Offer.objects.get(pk=pk)
    assert offer.state == Offer.State.SUBMITTED and offer.partners.count() == 1
    return pk


def partner_accepts(journey: FullJourney, offer_pk: int, partner) -> None:
    """The partner's member finds the invitation on their dashboard and accepts it."""
    page = journey.page
    journey.log_in(partner.user.email, "partner")
    journey.go("/my/")
    request = page.locator(f"[data-partner-request='{OfferPartner.all_objects.get(offer_id=offer_pk).pk}']")
    expect(request).to_contain_text(JOINT_TITLE)
    journey.shot("partner-dashboard-invitation")
    journey.post(request.get_by_role("button", name="Przyjmij zaproszenie"))
    expect(page).to_have_url(f"{journey.base}/offers/{offer_pk}/")
    expect(page.locator("main")).to_contain_text(f"{partner.organisation.name} jest teraz partnerem oferty wspólnej")
    journey.shot("partner-accepted")


def write_offer_by_keyboard(journey: FullJourney, call: Call, lead_name: str, email: str) -> int:
    """The foundation's offer with the keyboard alone, from the login to the submission. The
    indicators are first typed wrong: the error is shown, linked, and what was typed is kept."""
    page, kb = journey.page, journey
    journey.log_out()
    journey.go("/accounts/login/")
    kb.type_into(page.locator("#id_username"), email)
    kb.type_into(page.locator("#id_password"), DEFAULT_PASSWORD)
    journey.role = "applicant"
    kb.submit_by_key(page.locator("main button[type=submit]"))
    expect(page).to_have_url(f"{journey.base}/accounts/waiting/")
    kb.submit_by_key(page.locator("header a.navbar-brand"))  # the list of calls
    kb.submit_by_key(page.locator(f"main a[href='{call.get_absolute_url()}']").first)
    kb.submit_by_key(page.locator(f"main a[href='/calls/{call.slug}/offers/new/']").first)
    expect(page.locator("#id_organisation option:checked")).to_have_text(lead_name)
    kb.type_into(page.locator("#id_title"), SINGLE_TITLE)
    kb.submit_by_key(page.locator("main form button[type=submit]"))
    pk = offer_pk_from(journey)
    start, end = call.realisation_start, call.realisation_end - timedelta(days=1)
    nxt = page.locator("button[name=next]")

    # basics: the dates typed as a Polish browser takes them
    kb.type_date(page.locator("#id_start_date"), start)
    kb.type_date(page.locator("#id_end_date"), end)
    expect(page.locator("#id_start_date")).to_have_value(start.isoformat())
    expect(page.locator("#id_end_date")).to_have_value(end.isoformat())
    kb.submit_by_key(nxt)
    kb.submit_by_key(nxt)  # offerors: no partners
    for name, text in DESCRIPTION.items():
        kb.type_into(page.locator(f"#id_{name}"), text)
    kb.submit_by_key(nxt)
    for code in ("A", "D"):
        kb.tick(page.get_by_role("checkbox", name=re.compile(rf"^{code}\. ")))
    kb.submit_by_key(nxt)
    expect(page).to_have_url(f"{journey.base}/offers/{pk}/indicators/")

    # indicators: the first one typed wrong ("-20"): the Polish error, a linked summary, nothing lost
    values = page.locator("input[name^='value_']")
    expect(values).to_have_count(2)
    names = [f.get_attribute("name") for f in values.all()]
    minima = [re.search(r"\d+", page.locator(f"#id_{n}_min").inner_text()).group() for n in names]
    kb.type_into(page.locator(f"input[name='{names[0]}']"), f"-{minima[0]}")
    kb.type_into(page.locator(f"input[name='monitoring_{names[0].removeprefix('value_')}']"), "lista obecności")
    kb.type_into(page.locator(f"input[name='{names[1]}']"), minima[1])
    kb.type_into(page.locator(f"input[name='monitoring_{names[1].removeprefix('value_')}']"), "dziennik zajęć")
    kb.submit_by_key(nxt, expect_errors=True)
    expect(page).to_have_url(f"{journey.base}/offers/{pk}/indicators/")
    assert_page_basics(journey)
    assert_error_summary(journey, [f"id_{names[0]}"])
    expect(page.locator("#error-summary")).to_contain_text("Wpisz liczbę, która nie jest ujemna.")
    expect(page.locator(f"input[name='{names[0]}']")).to_have_value(f"-{minima[0]}")
    expect(page.locator(f"input[name='{names[1]}']")).to_have_value(minima[1])
    expect(page.locator(f"input[name='monitoring_{names[1].removeprefix('value_')}']")).to_have_value("dziennik zajęć")
    journey.shot("applicant-keyboard-error")
    # the summary's link takes the keyboard to the field; the value is corrected there
    kb.press_on(page.locator("#error-summary a").first)
    expect(page.locator(f"input[name='{names[0]}']")).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type(minima[0])
    kb.submit_by_key(nxt)
    expect(page).to_have_url(f"{journey.base}/offers/{pk}/schedule/")

    row = "schedule-0-"
    kb.type_into(page.locator(f"input[name='{row}activity']"), "Świetlica popołudniowa")
    kb.type_into(page.locator(f"textarea[name='{row}description']"), "Zajęcia cztery razy w tygodniu.")
    kb.type_into(page.locator(f"input[name='{row}target_group']"), "dzieci")
    kb.type_date(page.locator(f"input[name='{row}start_date']"), start)
    kb.type_date(page.locator(f"input[name='{row}end_date']"), end)
    kb.choose(page.locator(f"select[name='{row}offer_action']"), "D")
    kb.choose(page.locator(f"select[name='{row}responsible']"), lead_name)
    kb.submit_by_key(nxt)
    for zone in ("Chemiczna", "Lipowa I"):
        kb.tick(page.get_by_role("checkbox", name=zone, exact=True))
    kb.tick(page.locator("input[name='lpr_projects']").first)
    kb.submit_by_key(nxt)
    for name, text in RESOURCES.items():
        kb.type_into(page.locator(f"#id_{name}"), text)
    kb.submit_by_key(nxt)
    expect(page).to_have_url(f"{journey.base}/offers/{pk}/costs/")
    for code, (name, unit, quantity, unit_cost, grant, own) in COSTS.items():
        card = page.locator(f"[data-cost-action='{code}'] [data-cost-row]").first
        kb.choose(card.locator("[name$='-kind']"), "substantive")
        for field, value in (("name", name), ("unit", unit), ("quantity", quantity), ("unit_cost", unit_cost),
                             ("grant", grant), ("own_financial", own)):
            kb.type_into(card.locator(f"[name$='-{field}']"), value)
        expect(card.locator("[data-row-mismatch]")).to_be_hidden()
    expect(page.locator("#totals [data-sum='all:grant_share']")).to_have_text("90,00%")
    kb.submit_by_key(nxt)
    kb.submit_by_key(nxt)  # other information: nothing to add
    for box in page.locator("input[type=checkbox][name^='st_']").all():
        kb.tick(box)
    for variant in page.locator("input[type=radio][name$='_arrears'][value='none']").all():
        kb.tick(variant)  # "nie zalega", the first variant: Tab enters an unanswered group at its first radio
    kb.submit_by_key(nxt)
    expect(page).to_have_url(f"{journey.base}/offers/{pk}/")
    expect(page.locator("#checklist ul.offer-checklist")).to_have_count(0)
    journey.shot("applicant-keyboard-ready")
    kb.submit_by_key(page.locator("#submission button[type=submit]"))
    expect(page).to_have_url(f"{journey.base}/offers/{pk}/next-steps/")
    expect(page.locator("main code.checksum")).to_be_visible()
    journey.shot("applicant-keyboard-submitted")
    offer = Offer.objects.get(pk=pk)
    assert offer.state == Offer.State.SUBMITTED and offer.partners.count() == 0
    return pk


# --- 3. the formal check ------------------------------------------------------------------------------


def clerk_runs_the_formal_check(journey: FullJourney, call: Call, offers: list[Offer]) -> None:
    page = journey.page
    journey.follow(page.locator("header").get_by_role("link", name="Zarządzanie konkursami"))
    journey.follow(page.locator("main").get_by_role("link", name=call.title, exact=True))
    journey.post(page.get_by_role("button", name="Przejdź do etapu „nabór zamknięty”"))
    expect(page.locator(".messages")).to_contain_text("Konkurs jest teraz na etapie „nabór zamknięty”.")
    journey.follow(page.get_by_role("link", name="Oferty, podpisane potwierdzenia i karty oceny formalnej"))
    overview = page.url
    journey.post(page.get_by_role("button", name="Rozpocznij ocenę formalną"))
    expect(page.locator("#stage")).to_contain_text("Etap: ocena formalna.")
    for offer in offers:
        row = page.locator(f"#offers tbody tr#offer-{offer.pk}")
        journey.follow(row.get_by_role("link", name=re.compile(r"^Potwierdzenia\b")))
        page.locator("#id_received_by").fill("Kancelaria, Anna Nowak")
        page.locator("#id_checksum_read").fill(page.locator("#offer-summary code.text-break").inner_text())
        journey.post(page.get_by_role("button", name="Zarejestruj potwierdzenie"))
        expect(page.locator("#result").get_by_role("status")).to_contain_text("Suma kontrolna jest zgodna z wersją 1")
        page.goto(overview)
        journey.follow(row.get_by_role("link", name=re.compile(r"^Karta\b")))
        fieldsets = page.locator("#answers-form fieldset")
        expect(fieldsets).to_have_count(4)
        expect(page.locator("#answers-form [id^='auto-'] strong.text-danger")).to_have_count(0)  # every check "Tak"
        for fieldset in fieldsets.all():
            fieldset.get_by_role("radio", name="Tak", exact=True).check()
        journey.post(page.get_by_role("button", name="Zapisz odpowiedzi"))
        journey.post(page.get_by_role("button", name="Zatwierdź kartę"))
        expect(page.locator("#sheet-state")).to_contain_text("Wynik: dopuszczona do oceny merytorycznej")
        journey.shot(f"clerk-formal-sheet-{offer.number}")
        page.goto(overview)
    journey.post(page.get_by_role("button", name="Zamknij ocenę formalną"))
    expect(page.locator(".messages")).to_contain_text("Ocena formalna jest zamknięta.")
    expect(page.locator("#stage")).to_contain_text("Etap: ocena merytoryczna.")
    journey.shot("clerk-formal-closed")
    assert Call.objects.get(pk=call.pk).state == Call.State.MERIT_EVALUATION
    assert FormalSheet.objects.filter(offer__call=call, state="confirmed").count() == 2


# --- 4. the merit evaluation ----------------------------------------------------------------------------


def commission_scores(journey: FullJourney, call: Call, offers: list[Offer], people: dict) -> None:
    page = journey.page
    joint, single = offers

    def sheet(offer: Offer) -> str:
        return reverse("commission:sheet", kwargs={"slug": call.slug, "offer_pk": offer.pk})

    # the member with a conflict on the single offer: declares it there, scores the joint offer
    journey.log_in(people["conflicted"].email, "commission")
    journey.follow(page.locator("#nav-commission"))
    journey.follow(page.locator("main").get_by_role("link", name=call.title).first)
    journey.shot("member-offers")
    journey.go(sheet(joint))
    expect(page).to_have_url(re.compile(r"/declaration/$"))  # the declaration comes first
    journey.declare()
    journey.go(sheet(joint))
    journey.fill_sheet(2, JUSTIFICATION)
    journey.post(journey.page.locator("button[name=submit]"))
    journey.go(reverse("commission:declare", kwargs={"slug": call.slug, "offer_pk": single.pk}))
    journey.declare(conflict_ground=4, explanation=CONFLICT)
    journey.shot("member-conflict")
    assert page.goto(journey.base + sheet(single)).status == 404  # excluded from that offer
    assert Declaration.objects.get(member__user=people["conflicted"], offer=single).conflict

    # the other member and the chair score both offers
    for key, points in (("member", 3), ("chair", 2)):
        journey.log_in(people[key].email, "commission")
        for offer in offers:
            journey.go(sheet(offer))
            journey.declare()
            journey.go(sheet(offer))
            journey.fill_sheet(points, JUSTIFICATION)
            journey.post(journey.page.locator("button[name=submit]"))
    journey.shot("chair-sheet-submitted")
    assert ScoreSheet.objects.filter(offer=joint, state="submitted").count() == 3
    assert ScoreSheet.objects.filter(offer=single, state="submitted").count() == 2

    journey.go(reverse("chair:progress", kwargs={"slug": call.slug}))
    expect(page.locator("main")).to_contain_text(CONFLICT)
    journey.shot("chair-progress")
    journey.post(page.get_by_role("button", name="Zamknij ocenę merytoryczną", exact=True))
    assert Call.objects.get(pk=call.pk).state == Call.State.SCORED
    journey.go(reverse("chair:results", kwargs={"slug": call.slug}))
    rows = page.locator("main table tbody tr")
    expect(rows.first).to_contain_text(JOINT_TITLE)  # two offerors: 2 points more on criterion g
    journey.shot("chair-results")


# --- 5. and 6. the decision and the lower grant ------------------------------------------------------------


def mayor_decides_with_a_lower_grant(journey: FullJourney, call: Call, single: Offer, people: dict) -> None:
    page = journey.page
    decision_path = reverse("awards:decision", kwargs={"slug": call.slug})
    journey.log_in(people["clerk"].email, "clerk")
    journey.follow(page.locator("#nav-decisions"))
    journey.follow(page.locator(f"main a[href='{decision_path}']").first)
    journey.post(page.get_by_role("button", name="Zaproponuj podział środków"))
    expect(page.locator(".messages")).to_contain_text("Zaproponowano podział środków.")
    journey.shot("clerk-proposal")

    journey.log_in(people["mayor"].email, "mayor")
    journey.follow(page.locator("#nav-decisions"))
    journey.follow(page.locator(f"main a[href='{decision_path}']").first)
    grant = call.decision.grants.get(offer=single, action__code="A")
    assert grant.requested == grant.proposed == Decimal("4500.00")
    page.locator(f"#id_decision-amount_{grant.pk}").fill("4 000,00")
    page.locator(f"#id_decision-reason_{grant.pk}").fill("Koszty wynajmu sali zawyżone")
    page.locator("#id_decision-order_number").fill(ORDER)
    page.locator("#id_decision-order_date").fill(timezone.localdate().isoformat())
    journey.shot("mayor-amounts")
    journey.post(page.get_by_role("button", name="Rozstrzygnij konkurs z tymi kwotami"))
    expect(page.locator("#negotiation")).to_contain_text("mniej")
    journey.shot("mayor-decided")
    assert Call.objects.get(pk=call.pk).state == Call.State.DECIDED
    grant.refresh_from_db()
    assert grant.awarded == LOWER_A

    journey.log_in(people["clerk"].email, "clerk")
    journey.go(decision_path)
    journey.post(page.locator("#publish").get_by_role("button", name="Ogłoś wyniki"))
    expect(page.locator(".messages")).to_contain_text("Wyniki zostały ogłoszone")
    assert AwardEvent.objects.filter(call=call, kind=AwardEvent.Kind.PUBLISHED).count() == 1

    # the commission's protocol, now with the decision: linked from the results of the merit evaluation
    journey.go(reverse("competition:manage_detail", kwargs={"slug": call.slug}))
    journey.follow(page.get_by_role("link", name="Wyniki oceny merytorycznej"))
    protocol = pdf_text(journey, page.locator("#protocol-pdf").get_attribute("href"))
    for text in ("Protokół", people["conflicted"].full_name, CONFLICT, JOINT_TITLE, SINGLE_TITLE):
        assert text in protocol, (text, protocol[:800])


def applicant_accepts_the_lower_grant(journey: FullJourney, single: Offer, email: str) -> None:
    page = journey.page
    journey.log_in(email, "applicant")
    journey.follow(page.locator("header a[href='/my/']"))
    journey.follow(page.locator(f"main a[href='/offers/{single.pk}/']").first)
    journey.accept_lower_grant(single.pk, lower="4 000,00", grant="4 000,00", own="1 000,00")
    journey.shot("applicant-accepted")
    single.refresh_from_db()
    assert single.state == Offer.State.ADMITTED
    assert single.versions.count() == 2


# --- 7. the public ---------------------------------------------------------------------------------------------


def pdf_text(journey: FullJourney, href: str) -> str:
    response = journey.page.request.get(journey.base + href)
    assert response.ok and response.headers["content-type"] == "application/pdf", (href, response.status)
    body = response.body()
    assert body.startswith(b"%PDF-"), href
    if shutil.which("pdftotext"):
        return flat(subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True, check=True).stdout.decode())
    from io import BytesIO

    from pypdf import PdfReader

    return flat(" ".join(p.extract_text() or "" for p in PdfReader(BytesIO(body)).pages))


def public_reads_the_results(journey: FullJourney, call: Call, single: Offer) -> None:
    page = journey.page
    journey.log_out()
    journey.go("/")
    journey.follow(page.locator(f"main a[href='{call.get_absolute_url()}']").first)
    journey.follow(page.locator(f"main a[href='{reverse('reports:results', kwargs={'slug': call.slug})}']").first)
    assert_page_basics(journey)
    main = flat(page.locator("main").inner_text())
    for text in (JOINT_TITLE, SINGLE_TITLE, "8 100,00", "7 600,00", ORDER.removeprefix("Zarządzenie ")):
        assert text in main, (text, main)
    journey.shot("public-results")
    links = page.locator("main a[type='application/pdf']")
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    for name in ("results.pdf", "ranking.pdf"):
        href = next((h for h in hrefs if h.endswith(name)), None)
        assert href, f"no link to {name} on the results page: {hrefs}"
        text = pdf_text(journey, href)
        for expected in (JOINT_TITLE, "Fundacja Lipowa"):
            assert expected in text, (name, expected, text[:500])
    journey.go(call.get_absolute_url())
    formal = page.locator("#formal-outcome a[type='application/pdf']").first.get_attribute("href")
    assert "dopuszczon" in pdf_text(journey, formal)


# --- the journey ----------------------------------------------------------------------------------------------


@pytest.fixture
def people(db) -> dict:
    joint = MembershipFactory(organisation__legal_form="association", organisation__name="Stowarzyszenie Podwórko",
                              user__full_name="Teresa Podwórkowa")
    single = MembershipFactory(organisation__legal_form="foundation", organisation__name="Fundacja Lipowa",
                               user__full_name="Lech Lipowy")
    village = wojt()  # the authority the clerk picks: she and its head serve it
    return {
        "clerk": ClerkFactory(full_name="Urszula Urzędniczka", authorities=[*official_authorities(), village]),
        "mayor": MayorFactory(full_name="Jerzy Burmistrz", authorities=[*official_authorities(), village]),
        "chair": UserFactory(full_name="Anna Przewodnicząca"),
        "member": UserFactory(full_name="Celina Społeczna"),
        "conflicted": UserFactory(full_name="Bogdan Urzędowy"),
        "joint": joint,
        "single": single,
        "partner": MembershipFactory(organisation__legal_form="foundation",
                                     organisation__name="Fundacja Partnerska Ćma", user__full_name="Piotr Partner"),
    }


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_whole_competition_from_the_call_to_the_published_results(people, live_server, page: Page, screenshot_dir):
    page.on("dialog", lambda dialog: dialog.accept())
    journey = FullJourney(page, live_server.url, screenshot_dir)
    today = timezone.localdate()

    # 1. the clerk: the call by hand, checked, published; the commission
    journey.log_in(people["clerk"].email, "clerk")
    call = clerk_defines_the_call(journey, today)
    clerk_seats_the_commission(journey, call, people)

    # 2. the offers: the joint one with the mouse, the other with the keyboard alone
    journey.log_in(people["joint"].user.email, "applicant")
    joint_pk = write_joint_offer(journey, call, people["joint"], people["partner"])
    single_pk = write_offer_by_keyboard(journey, call, people["single"].organisation.name, people["single"].user.email)
    offers = [Offer.objects.get(pk=joint_pk), Offer.objects.get(pk=single_pk)]
    assert [o.number for o in offers] == ["001", "002"]

    # 3. the clock: the submission deadline has passed (the confirmations are still on time)
    now = timezone.now()
    Call.objects.filter(pk=call.pk).update(submission_deadline=now,
                                           confirmation_deadline=now + timedelta(days=1))
    journey.log_in(people["clerk"].email, "clerk")
    clerk_runs_the_formal_check(journey, call, offers)

    # 4. the commission
    commission_scores(journey, call, offers, people)

    # 5. and 6. the decision, and the applicant with the lower grant accepts it
    mayor_decides_with_a_lower_grant(journey, call, offers[1], people)
    applicant_accepts_the_lower_grant(journey, offers[1], people["single"].user.email)
    assert AwardEvent.objects.filter(call=call, kind=AwardEvent.Kind.NEG_ACCEPTED).count() == 1

    # 7. the public
    public_reads_the_results(journey, call, offers[1])

    scanned = journey.scanned
    print("page types scanned:", {role: len(routes) for role, routes in scanned.items()})
    assert {"clerk", "applicant", "commission", "mayor", "anonymous"} <= set(scanned), scanned
    assert not journey.findings, "\n".join(journey.findings)
