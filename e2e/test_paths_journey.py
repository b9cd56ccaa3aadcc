"""The applicant's path and every role's landing, in Chromium (issue 25, points 4, 5 and 6).

1. A new user opens a call's "start an offer", registers the organisation from there and comes
   back to the offer's start with the organisation offered; starts the offer; attachments are a
   step of the offer.
2. An applicant with a complete offer opens the PDF preview, presses "submit": a dialog says
   what will happen (Escape closes it, the focus goes back); confirmed, the offer is submitted
   and "Co dalej" says which confirmation to deliver, by when and where.
3. Each role logs in and lands on "Czeka na mnie"; the main menu keeps to one line at 1 280 px
   and the page reflows at 375 px. axe-core finds nothing on these pages, the dialog open too.
"""
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from competition.models import Call, CommissionMember
from e2e.journey import Journey, confirm_in_dialog
from organisations.tests.test_organisation_views import FORM
from tests_support.factories import (
    ClerkFactory,
    CommissionMemberFactory,
    MayorFactory,
    MembershipFactory,
    UserFactory,
)
from tests_support.offers import make_offer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


class PathJourney(Journey):
    name = "paths"

    def axe(self) -> None:
        violations = Axe().run(self.page, options=WCAG).response["violations"]
        assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]


def test_registering_the_organisation_from_an_offer_comes_back_to_it(live_server, page: Page, reference_call,
                                                                      screenshot_dir):
    journey = PathJourney(page, live_server.url, screenshot_dir)
    user = UserFactory(full_name="Nina Nowa")
    journey.log_in(user.email)
    start = f"/calls/{reference_call.slug}/offers/new/"
    journey.go(start)
    page.locator("#register-organisation").click()
    expect(page.locator("#back-to-offer")).to_be_visible()
    journey.axe()
    for name, value in FORM.items():
        field = page.locator(f"#id_{name}")
        if name == "legal_form":
            field.select_option(value)
        else:
            field.fill(value)
    journey.shot("organisation-form")
    journey.post(page.locator("main form button[type=submit]"))
    expect(page).to_have_url(live_server.url + start)
    expect(page.locator("#id_organisation")).to_contain_text(FORM["name"])
    page.locator("#id_title").fill("Świetlica na Lipowej")
    journey.post(page.locator("main form button[type=submit]"))
    attachments = page.locator("[data-nav-section='attachments'] a")
    expect(attachments).to_contain_text("Załączniki")
    attachments.click()
    expect(page.locator("#step-heading")).to_contain_text("Załączniki")
    expect(page.locator("[data-nav-section='attachments'] a")).to_have_attribute("aria-current", "step")
    journey.axe()
    journey.shot("attachments-step")


def test_submitting_asks_first_and_then_says_what_happens_next(live_server, page: Page, reference_call,
                                                               screenshot_dir):
    journey = PathJourney(page, live_server.url, screenshot_dir)
    member = MembershipFactory(organisation__legal_form="association")
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    journey.log_in(member.user.email)
    journey.go(offer.get_absolute_url())
    preview = page.locator("#preview-pdf")
    expect(preview).to_have_text("Podgląd PDF")
    answer = page.request.get(live_server.url + preview.get_attribute("href"))
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"

    submit = page.locator("#submission button[type=submit]")
    submit.click()
    dialog = page.get_by_role("dialog", name="Złożyć ofertę?")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Najpierw sprawdź podgląd PDF")
    expect(page.locator("[data-confirm-check='submit-confirm']")).to_be_hidden()  # the dialog replaces the box
    journey.axe()
    journey.shot("submit-dialog")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(submit).to_be_focused()
    assert page.url == live_server.url + offer.get_absolute_url()  # nothing was sent

    submit.click()
    confirm_in_dialog(page, "submit-confirm")
    expect(page).to_have_url(f"{live_server.url}/offers/{offer.pk}/next-steps/")
    expect(page.locator("h1")).to_have_text("Oferta została złożona – co dalej")
    expect(page.locator("#confirmation-deadline")).to_contain_text("Termin:")
    expect(page.locator("#confirmation-address")).to_contain_text(reference_call.confirmation_address.splitlines()[0])
    journey.axe()
    journey.shot("next-steps")
    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def _roles(reference_call) -> dict[str, tuple[str, str]]:
    """(email, the section of "Czeka na mnie" the role must see)."""
    applicant = MembershipFactory()
    make_offer(call=reference_call, organisation=applicant.organisation, user=applicant.user)
    chair = CommissionMemberFactory(role=CommissionMember.Role.CHAIR, call=reference_call)
    Call.objects.filter(pk=reference_call.pk).update(state=Call.State.MERIT_EVALUATION)
    return {
        "applicant": (applicant.user.email, "work-applicant"),
        "clerk": (ClerkFactory().email, "work-clerk"),
        "chair": (chair.user.email, "work-chair"),
        "authority": (MayorFactory().email, "work-authority"),
    }


def test_every_role_lands_on_its_work_with_a_one_line_menu(live_server, page: Page, reference_call, screenshot_dir):
    journey = PathJourney(page, live_server.url, screenshot_dir)
    for role, (email, section) in _roles(reference_call).items():
        page.set_viewport_size({"width": 1280, "height": 900})
        journey.log_in(email)
        expect(page).to_have_url(f"{live_server.url}/accounts/waiting/")
        expect(page.locator("h1")).to_have_text("Czeka na mnie")
        expect(page.locator(f"#{section}")).to_be_visible()
        tops = [item.bounding_box()["y"] for item in page.locator("#mainnav .nav-item").all()]
        assert max(tops) - min(tops) < 20, f"{role}: the menu wraps onto two lines ({sorted(tops)})"
        if role == "chair":
            page.locator("#nav-commission").click()
            expect(page.locator("[data-nav-progress]")).to_be_visible()
            page.keyboard.press("Escape")
        journey.axe()
        journey.shot(f"landing-{role}")
        page.set_viewport_size({"width": 375, "height": 800})
        journey.go("/accounts/waiting/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, role
