"""Control of a grant, in the browser: a misuse found, the money returned with interest, the
grant settled.

Before the browser, the services build the reference call decided, the second offer's contract
signed 90 days ago with its grant (8 100,00 zł) transferred 80 days ago, and its final report
accepted. In the browser:

1. A clerk plans a control of the contract from the contract's page (use of the grant, the
   documents); a plan without controllers is refused with what was typed kept.
2. The clerk records the control as carried out: 1 000,00 zł spent on equipment outside the
   budget; the recommendation to be answered within 14 days. The protocol PDF is there.
3. The grantee answers the recommendation on the control's page.
4. The clerk demands the return of 1 000,00 zł used against its purpose (art. 252): interest
   runs from the transfer; the demand PDF is there. The settlement shows 1 000,00 zł missing.
5. The clerk records the payment today: the interest matches the sum by hand
   (1 000 × 81 days × the rate / 365, in full złoty) and the settlement shows zero.
"""
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from controls.models import GrantReturn, InterestRate
from e2e.journey import Journey as BaseJourney
from e2e.test_accessibility import WCAG, report
from tests_support.contracts import contract_for, decided
from tests_support.controls import TRANSFERRED_DAYS_AGO, backdated, report_accepted, ensure_interest_rates


class Journey(BaseJourney):
    name = "control-journey"


def accessible(page: Page, *, phone: bool = False) -> None:
    """axe finds nothing (WCAG 2.1 AA); on a phone the page does not scroll sideways."""
    violations = Axe().run(page, options=WCAG).response["violations"]
    assert not violations, report(page.url, violations)
    if phone:
        page.set_viewport_size({"width": 375, "height": 800})
        page.reload()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, page.url
        page.set_viewport_size({"width": 1280, "height": 900})


def interest_by_hand(amount: Decimal, days: int) -> Decimal:
    """One rate over the whole period (asserted): amount × days × rate / 365, to full złoty."""
    today = timezone.localdate()
    first = today - timedelta(days=days - 1)
    in_force = InterestRate.objects.filter(valid_from__lte=first).last()
    assert not InterestRate.objects.filter(valid_from__gt=first, valid_from__lte=today).exists()
    exact = (amount * days * in_force.rate / 100 / 365).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return exact.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_control_finds_a_misuse_and_the_return_with_interest_settles_the_grant(
    reference_call, clerk, mayor, live_server, page: Page, screenshot_dir
):
    ensure_interest_rates()  # an earlier transactional test may have emptied the data migration's table
    offers = decided(reference_call, clerk, mayor)
    offer = offers[1]
    grantee = offer.organisation.memberships.first().user
    contract = backdated(contract_for(offer, clerk))
    report_accepted(contract, grantee, clerk)
    journey = Journey(page, live_server.url, screenshot_dir)
    today = timezone.localdate()

    # 1. The clerk plans the control.
    journey.log_in(clerk.email)
    journey.go(contract.get_absolute_url())
    with page.expect_navigation():
        page.locator("#controls-link a").click()
    expect(page.locator("#settlement")).to_have_attribute("data-settled", "yes")
    with page.expect_navigation():
        page.locator("#control-new").click()
    page.locator("input[name=scope]").nth(1).uncheck()  # effectiveness and quality: not this time
    page.locator("#id_starts_on").fill(today.isoformat())
    page.locator("#id_ends_on").fill(today.isoformat())
    page.locator("#id_place").fill("Siedziba Stowarzyszenia, ul. Lipowa 3")
    journey.post(page.locator("#control-plan"), expect_errors=True)
    expect(page.locator("#error-summary")).to_contain_text("art. 17")
    expect(page.locator("#id_place")).to_have_value("Siedziba Stowarzyszenia, ul. Lipowa 3")
    page.locator("#id_controllers").fill("Jan Kowalski, inspektor\nAnna Nowak, podinspektor")
    journey.post(page.locator("#control-plan"))
    expect(page.locator("#control-facts")).to_have_attribute("data-state", "planned")
    accessible(page)
    journey.shot("control-planned")

    # 2. The clerk records the findings and the recommendation.
    page.locator("#id_findings").fill("Faktura nr 7/2019 na zakup projektora (1 000,00 zł) opłacona z dotacji; "
                                      "zakupu nie ma w kosztorysie umowy.")
    page.locator("#id_recommendations").fill("Zwrócić 1 000,00 zł i wyjaśnić zakup.")
    page.locator("#id_answer_due").fill((today + timedelta(days=14)).isoformat())
    journey.post(page.locator("#control-record"))
    expect(page.locator("#control-facts")).to_have_attribute("data-state", "awaiting_answer")
    protocol = page.request.get(live_server.url + page.locator("#protocol-pdf").get_attribute("href"))
    assert protocol.ok and protocol.body()[:4] == b"%PDF"
    control_url = page.url
    journey.shot("control-findings")

    # 3. The grantee answers.
    journey.log_in(grantee.email)
    page.goto(control_url)
    accessible(page, phone=True)
    page.locator("#id_answer").fill("Projektor kupiono omyłkowo z rachunku dotacji; kwota zostanie zwrócona.")
    journey.post(page.locator("#control-answer"))
    expect(page.locator("#control-facts")).to_have_attribute("data-state", "answered")
    journey.shot("control-answered")

    # 4. The clerk demands the return.
    journey.log_in(clerk.email)
    page.goto(control_url)
    with page.expect_navigation():
        page.locator("#control-return-new").click()
    accessible(page)
    page.locator("input[name=kind][value=misused]").check()
    page.locator("#id_amount").fill("1 000,00")
    page.locator("#id_found_on").fill(today.isoformat())
    page.locator("#id_reason").fill("Zakup projektora spoza kosztorysu (protokół kontroli nr 1).")
    journey.post(page.locator("#return-demand"))
    expect(page.locator("#settlement-balance")).to_contain_text("1 000,00")
    expect(page.locator("#settlement")).to_have_attribute("data-settled", "no")
    demand = page.request.get(live_server.url + reverse("controls:demand_pdf",
                                                        kwargs={"pk": contract.pk, "return_number": 1}))
    assert demand.ok and demand.body()[:4] == b"%PDF"
    journey.shot("return-demanded")

    # 5. The payment: interest to the day, the settlement at zero.
    page.locator("#paid-on-1").fill(today.isoformat())
    journey.post(page.locator("#return-1-paid"))
    expected = interest_by_hand(Decimal("1000.00"), TRANSFERRED_DAYS_AGO + 1)
    assert GrantReturn.objects.get(contract=contract).interest == expected
    shown = f"{expected:.2f}".replace(".", ",")
    expect(page.locator("#return-1-interest")).to_contain_text(shown)
    expect(page.locator("#return-1")).to_have_attribute("data-paid", "yes")
    expect(page.locator("#settlement-balance")).to_contain_text("0,00")
    expect(page.locator("#settlement")).to_have_attribute("data-settled", "yes")
    accessible(page)
    journey.shot("settled")
