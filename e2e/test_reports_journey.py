"""Reports in the browser, after the 2018 report model: a task that runs over two budget years.

Before the browser, the services build the reference call decided with every offer fully
funded, and the second offer's contract, its task stretched into the next year and its grant
paid in two tranches (one a year). In the browser:

1. The grantee opens the contract: two reports are owed, the partial one for the first year and
   the final one. They file the partial report: the results described, half of every cost item
   spent, the rest from their own money, the statements made.
2. A clerk returns it with a remark on the results; the grantee answers and submits again; the
   clerk accepts it.
3. The grantee files the final report with the other half: the sources table covers the whole
   task (the partial report added), the grant's share of all costs shown.
4. A clerk accepts it; both reports' PDFs are there.
"""
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from contracts.models import Contract
from core.money import format_money
from e2e.journey import Journey as BaseJourney
from e2e.test_post_award_journey import fill_report_model
from tests_support.contracts import funded

CENT = Decimal("0.01")


class Journey(BaseJourney):
    name = "reports-journey"


def fill_half(page: Page, contract: Contract) -> Decimal:
    """Every result as planned, half of every cost item; returns the own financial part."""
    for result in contract.results.all():
        page.locator(f"#id_achieved_{result.pk}").fill(str(result.value).replace(".", ","))
    own = Decimal("0.00")
    for cost in contract.costs.all():
        total, grant = (cost.total / 2).quantize(CENT), (cost.grant / 2).quantize(CENT)
        page.locator(f"#id_total_{cost.pk}").fill(str(total).replace(".", ","))
        page.locator(f"#id_grant_{cost.pk}").fill(str(grant).replace(".", ","))
        own += total - grant
    page.locator("#id_execution").fill("Warsztaty odbywały się co tydzień w świetlicy, zgodnie z harmonogramem.")
    fill_report_model(page, own=own)
    return own


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_partial_and_a_final_report_filed_and_reviewed(reference_call, clerk, mayor, live_server, page: Page,
                                                         screenshot_dir):
    world = funded(reference_call, clerk, mayor)
    c = world.contract
    end = date(c.start_date.year + 1, 6, 30)
    half = (c.grant_total / 2).quantize(CENT)
    Contract.objects.filter(pk=c.pk).update(
        end_date=end, report_due=date(end.year, 7, 30),
        payments=[{"due": c.start_date.isoformat(), "amount": str(half)},
                  {"due": date(end.year, 1, 15).isoformat(), "amount": str(c.grant_total - half)}])
    contract = Contract.objects.get(pk=c.pk)
    year = contract.start_date.year
    journey = Journey(page, live_server.url, screenshot_dir)

    # 1. The grantee files the partial report.
    journey.log_in(world.grantee.email)
    page.goto(live_server.url + contract.get_absolute_url())
    expect(page.locator("#report-list li")).to_have_count(2)
    journey.shot("two-reports-owed")
    with page.expect_navigation():
        page.locator(f"#partial-report-link-{year}").click()
    expect(page.locator("h1")).to_contain_text(str(year))
    fill_half(page, contract)
    journey.post(page.locator("#report-submit"))
    expect(page.locator("#report-state")).to_have_attribute("data-state", "submitted")
    expect(page.locator("#report-sources")).to_contain_text(format_money(half))
    journey.shot("partial-submitted")

    # 2. Returned once, corrected, accepted.
    partial_url = live_server.url + reverse("final_report:partial_report", kwargs={"pk": contract.pk, "year": year})
    journey.log_in(clerk.email)
    page.goto(partial_url)
    page.locator("#id_comment_results").fill("Proszę podać, ile osób ukończyło warsztaty.")
    journey.post(page.locator("#report-return"))
    expect(page.locator("#report-state")).to_have_attribute("data-state", "returned")
    journey.log_in(world.grantee.email)
    page.goto(partial_url)
    expect(page.locator("#review-comments")).to_contain_text("ile osób ukończyło")
    page.locator("#id_results_description").fill("Warsztaty ukończyło 18 osób (listy obecności); wystawa prac trwa.")
    journey.post(page.locator("#report-submit"))
    expect(page.locator("#report-state")).to_have_attribute("data-state", "submitted")
    journey.log_in(clerk.email)
    page.goto(partial_url)
    journey.post(page.locator("#report-accept"))
    expect(page.locator("#report-state")).to_have_attribute("data-state", "accepted")
    journey.shot("partial-accepted")

    # 3. The final report: the whole task settled.
    journey.log_in(world.grantee.email)
    page.goto(live_server.url + contract.get_absolute_url())
    with page.expect_navigation():
        page.locator("#report-link").click()
    fill_half(page, contract)
    journey.post(page.locator("#report-submit"))
    expect(page.locator("#report-state")).to_have_attribute("data-state", "submitted")
    used = sum((2 * (x.grant / 2).quantize(CENT) for x in contract.costs.all()), Decimal("0.00"))
    expect(page.locator("#report-sources")).to_contain_text(format_money(used))
    expect(page.locator("#to-return")).to_contain_text(format_money(contract.grant_total - used))
    journey.shot("final-submitted")

    # 4. Accepted; both PDFs.
    journey.log_in(clerk.email)
    page.goto(live_server.url + reverse("final_report:report", kwargs={"pk": contract.pk}))
    journey.post(page.locator("#report-accept"))
    expect(page.locator("#report-state")).to_have_attribute("data-state", "accepted")
    for url in (reverse("final_report:partial_pdf", kwargs={"pk": contract.pk, "year": year, "number": 2}),
                reverse("final_report:pdf", kwargs={"pk": contract.pk, "number": 1})):
        pdf = page.request.get(live_server.url + url)
        assert pdf.ok and pdf.body()[:4] == b"%PDF"
    journey.shot("final-accepted")
