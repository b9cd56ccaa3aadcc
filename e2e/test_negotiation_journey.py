"""The authority decides, lower grants are answered, freed money is re-allocated, the public reads
the results — in the browser.

Before the browser, the services build a scored call with three offers, each asking
4 050,00 zł in actions A and D, and a clerk's proposal. Action A has 6 000,00 zł and D
8 100,00 zł, so the walk gives offer 1 everything, offer 2 all of D but only 1 950,00 zł of A
(partial), and offer 3 nothing. In the browser:

1. The authority lowers offer 1's A to 4 000,00 zł and decides by its order (two lower grants).
2. A clerk publishes the results.
3. Offer 1's applicant sees the lower grant, updates the costs of action A so that the grant
   is exactly 4 000,00 zł, and submits the updated offer: the lower grant is accepted.
4. Offer 2's applicant resigns from the grant (1 950,00 + 4 050,00 zł freed).
5. The authority opens the re-allocation page from the decision page and confirms the walk on
   what is left: offer 3 gets 2 000,00 zł in A and 4 050,00 zł in D.
6. Anybody reads the results page with the new amounts; the results PDF is there.
"""
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from awards import services
from awards.tests.test_views import _scored
from competition.models import Action
from e2e.journey import Journey as BaseJourney
from e2e.journey import flat
from offers.models import Offer


class Journey(BaseJourney):
    name = "negotiation-journey"


@pytest.fixture
def proposed(reference_call, clerk):
    mc = _scored(reference_call, clerk)
    Action.objects.filter(call=mc.call, code="A").update(budget=Decimal("6000.00"))
    Action.objects.filter(call=mc.call, code="D").update(budget=Decimal("8100.00"))
    mc.decision = services.decision_propose(call=mc.call, by=clerk)
    return mc


def applicant(offer: Offer) -> str:
    return offer.organisation.memberships.first().user.email


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_decision_acceptance_resignation_reallocation_and_public_results(
    proposed, clerk, mayor, live_server, page: Page, screenshot_dir
):
    journey = Journey(page, live_server.url, screenshot_dir)
    first, second, third = proposed.offers
    call = proposed.call
    decision_url = live_server.url + reverse("awards:decision", kwargs={"slug": call.slug})
    grant = {(g.offer_id, g.action.code): g for g in proposed.decision.grants.select_related("action")}

    # 1. The authority lowers one amount and decides.
    journey.log_in(mayor.email)
    page.goto(decision_url)
    page.locator(f"#id_decision-amount_{grant[(first.pk, 'A')].pk}").fill("4 000,00")
    page.locator("#id_decision-order_number").fill("Zarządzenie nr 150/2019")
    page.locator("#id_decision-order_date").fill(date(2019, 6, 14).isoformat())
    journey.post(page.get_by_role("button", name="Rozstrzygnij konkurs z tymi kwotami"), expect_errors=True)
    reason = page.locator(f"#id_decision-reason_{grant[(first.pk, 'A')].pk}")  # an amount changed needs a reason
    expect(page.locator(f"#id_decision-reason_{grant[(first.pk, 'A')].pk}_error")).to_contain_text("uzasadnienie")
    expect(page.locator(f"#id_decision-amount_{grant[(first.pk, 'A')].pk}")).to_have_value("4 000,00")
    reason.fill("Koszty cateringu zawyżone")
    journey.shot("mayor-amounts")
    journey.post(page.get_by_role("button", name="Rozstrzygnij konkurs z tymi kwotami"))
    expect(page.locator("#negotiation")).to_contain_text("2 oferty otrzymały mniej")
    journey.shot("decided")

    # 2. A clerk publishes the results.
    journey.log_in(clerk.email)
    page.goto(decision_url)
    journey.post(page.locator("#publish button[type=submit]"))

    # 3. Offer 1: the applicant updates the costs of action A to the awarded grant and submits.
    journey.log_in(applicant(first))
    page.goto(live_server.url + reverse("offers:offer_detail", kwargs={"pk": first.pk}))
    journey.accept_lower_grant(first.pk, lower="4 000,00", grant="3 550,00", own="450,00")
    expect(page.locator("#negotiation")).to_have_count(0)
    journey.shot("accepted")
    assert Offer.objects.get(pk=first.pk).state == Offer.State.ADMITTED

    # 4. Offer 2: the applicant resigns from the lower grant.
    journey.log_in(applicant(second))
    page.goto(live_server.url + reverse("offers:offer_detail", kwargs={"pk": second.pk}))
    page.locator("#negotiation summary").click()
    page.locator("#resign-reason").fill("Za przyznaną kwotę nie zrealizujemy zajęć.")
    page.locator("#resign-confirm").check()
    journey.post(page.locator("#resign-button"))
    expect(page.locator(".alert-success")).to_contain_text("Zrezygnowano z dotacji")
    journey.shot("resigned")

    # 5. The authority re-allocates the freed money along the ranking.
    journey.log_in(mayor.email)
    page.goto(decision_url)
    with page.expect_navigation():
        page.locator("#reallocation-link").click()
    walk = page.locator("#walk-table")
    expect(walk).to_contain_text(third.number)
    expect(walk).to_contain_text("2 000,00")
    journey.shot("reallocation")
    journey.post(page.locator("#reallocation-confirm"))
    expect(page.locator(".alert-success")).to_contain_text("rozdysponowano ponownie")
    expect(page.locator("#answers-table")).to_contain_text("negocjacje niższej dotacji")
    journey.shot("reallocated")

    # 6. The public results show the current amounts.
    page.context.clear_cookies()
    results_url = live_server.url + reverse("reports:results", kwargs={"slug": call.slug})
    page.goto(results_url)
    text = flat(page.locator("main").inner_text())
    assert "4 000,00" in text and "2 000,00" in text
    assert "zrezygnował" in text  # offer 2 is listed with the reason it has no grant
    assert "uzasadnienie organu: Koszty cateringu zawyżone" in text  # offer 1's lower grant, with the stated reason
    journey.shot("public-results")
    pdf = page.request.get(live_server.url + reverse("reports:results_pdf", kwargs={"slug": call.slug}))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
