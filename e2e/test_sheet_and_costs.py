"""The two screens people work longest in, in the browser: the costs table of an offer and a
commission member's score sheet.

Costs: the treasurer fills the V.A table from the keyboard (Tab along a row, Enter down a
column, a new row after the last), the personal contribution is computed from hours × rate,
the call's limits stay in view and flag a grant above the budget in words, a save brings no
empty row; on a 375 px phone each cost is a card and the page does not scroll sideways.

Score sheet: the sheet is beside the offer at 1 280 px and above it at 375 px; the sum follows
the points as they are typed; the draft saves itself; what was typed survives leaving the page
before it was saved (the copy on the device, put back with a notice) and the end of the session
(the login keeps it). axe-core finds nothing on either page at either width.
"""
from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.sessions.models import Session
from django.urls import reverse
from playwright.sync_api import Page, expect

from e2e.journey import Journey, flat
from e2e.test_accessibility import WCAG, report
from evaluation.models import ScoreSheet
from offers.models import CostItem
from tests_support.factories import DEFAULT_PASSWORD, MembershipFactory
from tests_support.merit import declare_all, merit_call
from tests_support.offers import cost, make_offer

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}


def axe_clean(page: Page) -> None:
    violations = Axe().run(page, options=WCAG).response["violations"]
    assert not violations, report(page.url, violations)


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"{page.url}: the page is {width} px wide"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_treasurer_fills_the_costs_table_from_the_keyboard(reference_call, live_server, page: Page,
                                                                screenshot_dir):
    member = MembershipFactory(organisation__legal_form="association")
    costs = {"A": [cost("Sala", "1", "1000.00", grant="900.00", own_financial="100.00")],
             "D": [cost("Materiały", "10", "50.00", grant="450.00", own_financial="50.00")]}
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user, codes=("A", "D"),
                       costs=costs)
    oa = offer.offer_actions.get(action__code="A")
    prefix = f"costs-{oa.pk}"
    journey = Journey(page, live_server.url, screenshot_dir)
    journey.name = "costs-table"
    journey.log_in(member.user.email)
    journey.go(f"/offers/{offer.pk}/costs/")

    table = page.locator("[data-cost-action='A'] table.cost-table")
    rows = table.locator("[data-cost-row]")
    expect(rows).to_have_count(1)  # the saved cost, and no empty row below it
    expect(table.locator("thead th").nth(1)).to_have_text("Rodzaj kosztu")
    expect(page.get_by_label("Rodzaj kosztu – koszt 1 działania A")).to_have_value("Sala")  # not "Koszt*"
    limits = page.locator("#cost-limits")
    expect(limits).to_be_in_viewport()  # the limits stay in view at the bottom of the screen
    axe_clean(page)

    # Tab along the first row: the fields come in the form's column order.
    page.locator(f"#id_{prefix}-0-name").focus()
    order = []
    for _ in range(5):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.name"))
    assert order == [f"{prefix}-0-{name}" for name in ("kind", "quantity", "unit_cost", "unit", "grant")]

    # Enter after the last cost: a new row, the focus in the same column.
    page.locator(f"#id_{prefix}-0-unit_cost").focus()
    page.keyboard.press("Enter")
    expect(rows).to_have_count(2)
    expect(page.locator(f"#id_{prefix}-1-unit_cost")).to_be_focused()
    page.keyboard.type("60")
    page.locator(f"#id_{prefix}-1-name").fill("Praca wolontariuszy")
    page.locator(f"#id_{prefix}-1-unit").fill("godz.")
    page.locator(f"#id_{prefix}-1-quantity").fill("100")
    page.locator(f"#id_{prefix}-1-personal_hours").fill("100")
    page.locator(f"#id_{prefix}-1-personal_rate").fill("60")
    expect(page.locator(f"#id_{prefix}-1-own_personal")).to_have_value("6 000,00")  # hours × rate, computed
    expect(rows.nth(1).locator("[data-row-total]")).to_have_text("6 000,00")
    expect(rows.nth(1).locator("[data-row-mismatch]")).to_be_hidden()
    expect(limits.locator("[data-sum='all:total']")).to_have_text("7 500,00")

    # A grant above the action's budget is flagged in words in the limits kept in view.
    page.locator(f"#id_{prefix}-0-grant").fill("31 000")
    page.locator(f"#id_{prefix}-0-unit_cost").fill("31 100")
    expect(limits.locator("[data-over='A:budget']")).to_be_visible()
    page.locator(f"#id_{prefix}-0-grant").fill("900")
    page.locator(f"#id_{prefix}-0-unit_cost").fill("1000")
    expect(limits.locator("[data-over='A:budget']")).to_be_hidden()
    journey.shot("typed")

    journey.post(page.locator("main button[name=save]"))
    expect(page.locator("[data-cost-action='A'] [data-cost-row]")).to_have_count(2)  # no blank "Koszt 3"
    volunteer = CostItem.objects.get(offer_action=oa, name="Praca wolontariuszy")
    assert (volunteer.personal_hours, volunteer.personal_rate, volunteer.own_personal) == (
        Decimal("100"), Decimal("60.00"), Decimal("6000.00"))

    # "Add a cost" adds a row and puts the focus in it.
    page.locator("[data-cost-action='A'] button[data-add-row]").click()
    expect(page.locator("[data-cost-action='A'] [data-cost-row]")).to_have_count(3)
    expect(page.locator(f"#id_{prefix}-2-name")).to_be_focused()
    expect(page.locator(f"#{prefix}-2-row [data-row-number]")).to_have_text("3")

    # A phone: every cost a card with its labels, nothing wider than the screen.
    page.set_viewport_size(PHONE)
    journey.go(f"/offers/{offer.pk}/costs/")
    expect(page.locator(f"#id_{prefix}-0-grant")).to_be_visible()
    expect(page.locator(f"label[for='id_{prefix}-0-grant']")).to_be_visible()
    no_sideways_scroll(page)
    axe_clean(page)
    journey.shot("phone")


@pytest.fixture
def mc(reference_call, clerk):
    mc = merit_call(reference_call, clerk, specs=({}, {}))
    declare_all(mc)
    return mc


def sheet_path(mc, offer) -> str:
    return reverse("commission:sheet", kwargs={"slug": mc.call.slug, "offer_pk": offer.pk})


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_member_scores_with_a_live_sum_and_loses_nothing(mc, live_server, page: Page, screenshot_dir):
    seat, offer = mc.members[0], mc.offers[0]
    journey = Journey(page, live_server.url, screenshot_dir)
    journey.name = "score-sheet"
    journey.log_in(seat.user.email)
    journey.go(sheet_path(mc, offer))

    # Beside the offer on a wide screen, each scrolling on its own.
    sheet_box = page.locator("#sheet").bounding_box()
    offer_box = page.locator("#offer").bounding_box()
    assert offer_box["x"] > sheet_box["x"] + sheet_box["width"] - 1 and abs(offer_box["y"] - sheet_box["y"]) < 5
    assert page.evaluate("getComputedStyle(document.getElementById('offer')).overflowY") == "auto"
    axe_clean(page)

    # The sum follows the points as they are typed.
    total = page.locator("[data-live-total]")
    start = int(total.inner_text())
    parts = page.locator("input[name^='part-']")
    parts.nth(0).fill("2")
    parts.nth(1).fill("3")
    expect(total).to_have_text(str(start + 5))
    expect(page.locator("[data-live-missing]")).to_contain_text("niepełn")

    # The draft saves itself: the status line says so, and the server has it.
    justification = page.locator("textarea[name^='justification-']").first
    justification.fill("Opis rzetelny, zapisany sam.")
    expect(page.locator("#autosave-status")).to_contain_text("Szkic zapisany o", timeout=10_000)
    sheet = ScoreSheet.objects.get(member=seat, offer=offer)
    assert "Opis rzetelny, zapisany sam." in [s.justification for s in sheet.scores.all()]

    # Leaving before the autosave: the copy on this device comes back with a notice, then is saved.
    justification.fill("Dopisane tuż przed zamknięciem karty.")
    journey.go(sheet_path(mc, offer))
    expect(page.locator("#sheet-restored")).to_be_visible()
    expect(page.locator("textarea[name^='justification-']").first).to_have_value(
        "Dopisane tuż przed zamknięciem karty.")
    expect(page.locator("#autosave-status")).to_contain_text("Szkic zapisany o", timeout=10_000)
    assert "Dopisane tuż przed zamknięciem karty." in [s.justification for s in sheet.scores.all()]
    journey.shot("restored")

    # The session ends while typing: the autosave says so; logging in again brings it all back.
    Session.objects.all().delete()  # the session expires on the server; the browser keeps its cookies
    justification.fill("Napisane po końcu sesji.")
    alert = page.locator("#autosave-alert")
    expect(alert).to_contain_text("Sesja wygasła", timeout=10_000)
    with page.expect_navigation():
        alert.get_by_role("button", name="Zaloguj się ponownie").click()
    page.locator("#id_username").fill(seat.user.email)
    page.locator("#id_password").fill(DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    expect(page.locator("textarea[name^='justification-']").first).to_have_value("Napisane po końcu sesji.")

    # An incomplete submission: a short summary, focused, each line leading to its field.
    with page.expect_navigation():
        page.locator("button[name=submit]").click()
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    assert summary.locator("li").count() <= 8
    summary.locator("a").first.click()
    expect(page.locator("input[name^='part-']").nth(2)).to_be_focused()
    journey.shot("summary")

    # A phone: the sheet first, the offer under it, nothing wider than the screen.
    page.set_viewport_size(PHONE)
    journey.go(sheet_path(mc, offer))
    assert page.locator("#sheet").bounding_box()["y"] < page.locator("#offer").bounding_box()["y"]
    no_sideways_scroll(page)
    axe_clean(page)
    assert flat(page.locator("#sheet-total").inner_text()).startswith("Suma:")
