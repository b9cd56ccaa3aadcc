"""After the award, in the browser: the contract, a change needing consent, and the final report
returned once and accepted.

Before the browser, the services build the reference call decided with every offer fully
funded (4 050,00 zł in each of actions A and D). In the browser:

1. A clerk prepares the second offer's contract from the call's list of funded offers.
2. The grantee asks to cut coordination in action A by 25% (500,00 → 375,00 zł) in favour of
   the workshops: the check says the authority's consent is needed; the grantee sends it.
3. A clerk records the authority's consent: the annex PDF is there.
4. The grantee writes the final report with one indicator 15% short; submitting without a
   justification is refused with every value kept; with it, the report is submitted.
5. A clerk returns it with a comment on the results; the grantee reads the comment, explains
   more, and submits again; the clerk accepts it. Both versions stay, each with its PDF.
"""
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from contracts.models import Contract
from e2e.journey import Journey as BaseJourney
from tests_support.contracts import decided


class Journey(BaseJourney):
    name = "post-award-journey"


def fill_money(page: Page, selector: str, value: str) -> None:
    page.locator(selector).fill(value)


def fill_report_model(page: Page, *, own: Decimal) -> None:
    """The parts of the 2018 report model besides results and costs: the results described, the
    sources other than the grant, other revenue, the statements (the signatories are the offer's)."""
    page.locator("#id_results_description").fill("Rezultaty policzono z list obecności; wystawa prac zostaje w świetlicy.")
    page.locator("#id_own_financial").fill(str(own).replace(".", ","))
    for name in ("own_personal", "own_in_kind", "recipient_fees"):
        page.locator(f"#id_{name}").fill("0")
    page.locator("#id_other_revenue").fill("Brak.")
    page.locator("#id_recipient_fees_info").fill("Nie pobierano.")
    page.locator("#id_statements").check()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_contract_change_with_consent_and_final_report_returned_then_accepted(
    reference_call, clerk, mayor, live_server, page: Page, screenshot_dir
):
    offers = decided(reference_call, clerk, mayor)
    offer = offers[1]
    grantee = offer.organisation.memberships.first().user
    journey = Journey(page, live_server.url, screenshot_dir)

    # 1. The clerk prepares the contract.
    journey.log_in(clerk.email)
    page.goto(live_server.url + reverse("contracts:call_contracts", kwargs={"slug": reference_call.slug}))
    journey.shot("funded-offers")
    with page.expect_navigation():
        page.locator(f"a[href$='/contracts/{offer.pk}/new/']").click()
    journey.post(page.locator("#contract-create"))
    contract = Contract.objects.get(offer=offer)
    expect(page.locator("#contract-facts")).to_contain_text("8 100,00")
    assert page.request.get(live_server.url + reverse("contracts:contract_pdf", kwargs={"pk": contract.pk})).body()[:4] == b"%PDF"
    journey.shot("contract")

    # 2. The grantee asks for a 25% shift within action A.
    journey.log_in(grantee.email)
    page.goto(live_server.url + reverse("contracts:dashboard"))
    with page.expect_navigation():
        page.locator(f"#contract-list a[href='{contract.get_absolute_url()}']").click()
    with page.expect_navigation():
        page.locator("#change-new").click()
    coordination = contract.costs.get(action__code="A", name="Koordynacja")
    workshops = contract.costs.get(action__code="A", name="Warsztaty – działanie A")
    fill_money(page, f"#id_total_{coordination.pk}", "375,00")
    fill_money(page, f"#id_grant_{coordination.pk}", "337,50")
    fill_money(page, f"#id_total_{workshops.pk}", "4 125,00")
    fill_money(page, f"#id_grant_{workshops.pk}", "3 712,50")
    page.locator("#id_justification").fill("Dowóz uczestników zorganizują wolontariusze; więcej warsztatów.")
    journey.post(page.locator("#change-preview"))
    expect(page.locator("#assessment")).to_contain_text("25,00%")
    expect(page.locator(f"#id_total_{coordination.pk}")).to_have_value("375,00")
    journey.shot("change-checked")
    journey.post(page.locator("#change-submit"))
    expect(page.locator("#change-state")).to_have_attribute("data-state", "pending")
    journey.shot("change-pending")

    # 3. The clerk records the authority's consent: the annex.
    journey.log_in(clerk.email)
    page.goto(live_server.url + reverse("contracts:change", kwargs={"pk": contract.pk, "number": 1}))
    journey.post(page.locator("#change-approve"))
    expect(page.locator("#change-state")).to_have_attribute("data-state", "approved")
    annex = page.request.get(live_server.url + page.locator("#annex-pdf").get_attribute("href"))
    assert annex.ok and annex.body()[:4] == b"%PDF"
    journey.shot("change-approved")
    coordination.refresh_from_db()
    assert coordination.total == Decimal("375.00")

    # 4. The grantee writes the final report; one indicator is 15% short.
    journey.log_in(grantee.email)
    page.goto(live_server.url + contract.get_absolute_url())
    with page.expect_navigation():
        page.locator("#report-link").click()
    page.locator("#id_execution").fill("Warsztaty odbyły się co tydzień w świetlicy, zgodnie z harmonogramem.")
    results = list(contract.results.all())
    short = results[0]
    for result in results:
        value = (result.value * Decimal("0.85")).quantize(Decimal("0.01")) if result == short else result.value
        page.locator(f"#id_achieved_{result.pk}").fill(str(value).replace(".", ","))
    for cost in contract.costs.all():
        page.locator(f"#id_total_{cost.pk}").fill(str(cost.total).replace(".", ","))
        page.locator(f"#id_grant_{cost.pk}").fill(str(cost.grant).replace(".", ","))
    fill_report_model(page, own=sum((c.total - c.grant for c in contract.costs.all()), Decimal("0.00")))
    journey.post(page.locator("#report-submit"), expect_errors=True)
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#report-state")).to_have_attribute("data-state", "draft")
    expect(page.locator(f"#id_achieved_{short.pk}")).not_to_have_value("")  # nothing typed is lost
    expect(page.locator("#to-return")).to_contain_text("0,00")
    journey.shot("report-needs-justification")
    page.locator(f"#id_justification_{short.pk}").fill("Grypa: trzy spotkania odwołano.")
    journey.post(page.locator("#report-submit"))
    expect(page.locator("#report-state")).to_have_attribute("data-state", "submitted")
    journey.shot("report-submitted")

    # 5. The clerk returns it, the grantee corrects it, the clerk accepts it.
    journey.log_in(clerk.email)
    page.goto(live_server.url + reverse("final_report:report", kwargs={"pk": contract.pk}))
    page.locator("#id_comment_results").fill("Proszę opisać, jak odrobiono odwołane spotkania.")
    journey.post(page.locator("#report-return"))
    expect(page.locator("#report-state")).to_have_attribute("data-state", "returned")

    journey.log_in(grantee.email)
    page.goto(live_server.url + reverse("final_report:report", kwargs={"pk": contract.pk}))
    expect(page.locator("#review-comments")).to_contain_text("jak odrobiono odwołane spotkania")
    journey.shot("report-returned")
    page.locator(f"#id_justification_{short.pk}").fill(
        "Grypa: trzy spotkania odwołano; dwa odrobiono w styczniu, trzeciego nie dało się zorganizować.")
    journey.post(page.locator("#report-submit"))
    expect(page.locator("#report-state")).to_have_attribute("data-state", "submitted")

    journey.log_in(clerk.email)
    page.goto(live_server.url + reverse("final_report:report", kwargs={"pk": contract.pk}))
    journey.post(page.locator("#report-accept"))
    expect(page.locator("#report-state")).to_have_attribute("data-state", "accepted")
    expect(page.locator("#report-versions li")).to_have_count(2)
    for number in (1, 2):
        pdf = page.request.get(live_server.url + reverse("final_report:pdf", kwargs={"pk": contract.pk, "number": number}))
        assert pdf.ok and pdf.body()[:4] == b"%PDF"
    journey.shot("report-accepted")
