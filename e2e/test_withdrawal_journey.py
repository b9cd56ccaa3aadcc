"""An offer awarded its full grant gives it up before the contract, a clerk gives another offer
more time to answer its lower grant, the authority re-allocates the freed money to the next offer
in the ranking, and the public results say why each offer has what it has — in the browser.

Before the browser, the services build a scored call with three offers, each asking 4 050,00 zł
in actions A and D; action A has 9 000,00 zł. The authority decides on the walk as proposed:
offers 1 and 2 get all they asked for, offer 3 gets the 900,00 zł left in A (a lower grant to
answer). A clerk publishes the results. In the browser:

1. Offer 2's applicant opens "Resign from the grant" from the offer's page; without ticking the
   confirmation nothing happens and the reason typed stays; with it the grant is given up.
2. A clerk extends offer 3's deadline to answer from the re-allocation page.
3. The authority confirms the re-allocation: offer 3 gets the 3 150,00 zł it still lacked in A,
   offer 2 gets nothing back.
4. Anybody reads the results: offer 2 resigned; offer 3's money in A was freed by offer 2.
"""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from awards import services
from awards.models import Grant
from awards.tests.test_views import _scored
from competition.models import Action
from e2e.journey import Journey as BaseJourney
from e2e.journey import flat
from offers.models import Offer


class Journey(BaseJourney):
    name = "withdrawal-journey"


@pytest.fixture
def published(reference_call, clerk, mayor):
    mc = _scored(reference_call, clerk)
    Action.objects.filter(call=mc.call, code="A").update(budget=Decimal("9000.00"))
    decision = services.decision_propose(call=mc.call, by=clerk)
    services.decision_lock(decision=decision, order_number="Zarządzenie nr 150/2019", order_date=date(2019, 6, 14),
                           by=mayor)
    services.results_publish(call=mc.call, by=clerk)
    return mc


def applicant(offer: Offer) -> str:
    return offer.organisation.memberships.first().user.email


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_funded_offer_withdraws_and_its_money_goes_to_the_next_offer(published, clerk, mayor, live_server,
                                                                      page: Page, screenshot_dir):
    journey = Journey(page, live_server.url, screenshot_dir)
    _first, second, third = (Offer.objects.get(pk=o.pk) for o in published.offers)
    call = published.call
    assert third.state == Offer.State.NEGOTIATION

    # 1. Offer 2 gives up its full grant, with a reason and a confirmation.
    journey.log_in(applicant(second))
    page.goto(live_server.url + reverse("offers:offer_detail", kwargs={"pk": second.pk}))
    with page.expect_navigation():
        page.locator("#award-withdraw-link").click()
    expect(page.locator("#withdraw-grants")).to_contain_text("4 050,00")
    page.locator("#id_reason").fill("Koordynatorka zadania wyjechała; nie zrealizujemy zajęć.")
    journey.post(page.locator("#withdraw-button"), expect_errors=True)
    expect(page.locator("#error-summary")).to_contain_text("zaznacz pole")
    expect(page.locator("#id_reason")).to_have_value("Koordynatorka zadania wyjechała; nie zrealizujemy zajęć.")
    journey.shot("confirmation-missing")
    page.locator("#id_confirm").check()
    journey.post(page.locator("#withdraw-button"))
    expect(page.locator(".alert-success")).to_contain_text("Zrezygnowano z dotacji")
    journey.shot("withdrawn")
    assert Offer.objects.get(pk=second.pk).state == Offer.State.RESIGNED

    # 2. A clerk gives offer 3 more time to answer its lower grant.
    journey.log_in(clerk.email)
    page.goto(live_server.url + reverse("negotiation:reallocation", kwargs={"slug": call.slug}))
    with page.expect_navigation():
        page.locator(f"#extend-{third.number}").click()
    new_day = timezone.localtime(third.fixed_until).date() + timedelta(days=5)
    page.locator("#id_until").fill(new_day.isoformat())
    page.locator("#id_reason").fill("Prośba oferenta: zmiana zarządu.")
    journey.post(page.locator("#extend-button"))
    expect(page.locator(".alert-success")).to_contain_text("przedłużono")
    assert timezone.localtime(Offer.objects.get(pk=third.pk).fixed_until).date() == new_day

    # 3. The authority re-allocates along the ranking: offer 3 gets what it lacked, offer 2 nothing.
    journey.log_in(mayor.email)
    page.goto(live_server.url + reverse("negotiation:reallocation", kwargs={"slug": call.slug}))
    expect(page.locator("#left")).to_contain_text("zrezygnowała z dotacji")
    walk = page.locator("#walk-table")
    expect(walk).to_contain_text(third.number)
    expect(walk).to_contain_text("3 150,00")
    journey.shot("reallocation")
    journey.post(page.locator("#reallocation-confirm"))
    expect(page.locator(".alert-success")).to_contain_text("rozdysponowano ponownie")
    awarded = {(g.offer_id, g.action.code): g.awarded for g in Grant.objects.select_related("action")}
    assert awarded[(third.pk, "A")] == Decimal("4050.00") and awarded[(second.pk, "A")] == Decimal("0.00")

    # 4. The public results say why.
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("reports:results", kwargs={"slug": call.slug}))
    text = flat(page.locator("main").inner_text())
    assert "oferent zrezygnował z przyznanej dotacji przed zawarciem umowy" in text
    assert f"3 150,00 zł dotacji to środki zwolnione przez ofertę {second.number}" in text
    assert "Koordynatorka" not in text  # the offeror's reason is for the office only
    journey.shot("public-results")
