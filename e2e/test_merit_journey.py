"""The commission scores in the browser (stage II): two members score an offer, one of them
declares a conflict on the other offer, the chair closes the stage, and the results show the
right mean.

Before the browser, the services build the call up to the merit evaluation (two admitted
offers: a joint one and a single one) with a chair, two members and an expert; the second
member and the expert have already declared and the second member has scored both offers,
and the chair has declared and scored offer 2. In the browser:

1. Member Bogdan declares impartiality on offer 1, first submits the sheet with a typo (points
   out of range: the Polish message, nothing lost), fixes it and submits; only then he sees
   Celina's sheet. On offer 2 he declares a conflict (ground 5) and can no longer open it.
2. The chair declares on offer 1 and scores it; the progress page shows the conflict; the
   chair closes the stage (everything is in, no reason needed).
3. The results page shows offer 1's final score: the mean of the three sheets, two places.
"""
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from competition.models import Call
from e2e.journey import Journey as BaseJourney
from e2e.journey import flat
from evaluation.merit import services as services_merit
from evaluation.models import ScoreSheet
from tests_support.merit import merit_call, score


@pytest.fixture
def mc(reference_call, clerk):
    mc = merit_call(reference_call, clerk, specs=({"partners": 1}, {}))
    first, second = mc.offers
    for offer in mc.offers:
        for seat in (mc.members[1], mc.expert):
            services_merit.declaration_make(seat=seat, offer=offer, conflict=False, grounds=[])
        score(mc.members[1], offer, 1)
    services_merit.declaration_make(seat=mc.chair, offer=second, conflict=False, grounds=[])
    score(mc.chair, second, 2)
    return mc


class Journey(BaseJourney):
    name = "merit-journey"


def test_two_members_score_one_declares_a_conflict_and_the_chair_closes(
    mc, live_server, page: Page, screenshot_dir
):
    page.on("dialog", lambda dialog: dialog.accept())
    journey = Journey(page, live_server.url, screenshot_dir)
    first, second = mc.offers
    call = mc.call
    sheet_url = lambda offer: live_server.url + reverse(  # noqa: E731
        "commission:sheet", kwargs={"slug": call.slug, "offer_pk": offer.pk})

    # 1. Bogdan: his commissions, the call's offers, a declaration, a sheet with a typo, then right.
    journey.log_in(mc.members[0].user.email)
    page.goto(f"{live_server.url}{reverse('commission:home')}")
    expect(page.locator("main")).to_contain_text(call.title)
    page.goto(f"{live_server.url}{reverse('commission:offers', kwargs={'slug': call.slug})}")
    journey.shot("member-offers")
    page.goto(sheet_url(first))  # not declared yet: the declaration comes first
    expect(page).to_have_url(re.compile(r"/declaration/$"))
    for name in ("Razem w Hajnówce",):
        expect(page.locator("main")).to_contain_text(name)
    journey.shot("member-declaration")
    journey.declare()
    page.goto(sheet_url(first))
    expect(page.locator("main")).not_to_contain_text("Opis rzetelny")  # Celina's sheet is hidden before his own
    journey.fill_sheet(2)
    first_part = page.locator("input[name^='part-']").first
    first_part.fill("7")  # out of range (0–3)
    journey.post(page.locator("button[name=submit]"), expect_errors=True)
    expect(page.locator("main")).to_contain_text("wykracza poza zakres")
    expect(first_part).to_have_value("7")  # what was typed is kept
    expect(page.locator("textarea[name^='justification-']").first).to_have_value(
        "Opis rzetelny, zgodny z celami konkursu.")
    journey.shot("member-sheet-error")
    first_part.fill("2")
    journey.post(page.locator("button[name=submit]"))
    bogdan = ScoreSheet.objects.get(member=mc.members[0], offer=first)
    assert bogdan.is_submitted
    page.goto(sheet_url(first))
    expect(page.locator("main")).to_contain_text("Celina Społeczna")  # the others' sheets, after his own
    journey.shot("member-sheet-submitted")

    page.goto(f"{live_server.url}{reverse('commission:declare', kwargs={'slug': call.slug, 'offer_pk': second.pk})}")
    journey.declare(conflict_ground=4, explanation="Do 2024 r. byłem członkiem zarządu oferenta.")
    response = page.goto(sheet_url(second))
    assert response.status == 404
    journey.shot("member-excluded-404")

    # 2. The chair: declares and scores offer 1, sees the conflict, closes the stage.
    journey.log_in(mc.chair.user.email)
    page.goto(f"{live_server.url}{reverse('commission:declare', kwargs={'slug': call.slug, 'offer_pk': first.pk})}")
    journey.declare()
    page.goto(sheet_url(first))
    journey.fill_sheet(3)
    journey.post(page.locator("button[name=submit]"))
    page.goto(f"{live_server.url}{reverse('chair:progress', kwargs={'slug': call.slug})}")
    main = page.locator("main")
    expect(main).to_contain_text("Bogdan Urzędowy")
    expect(main).to_contain_text("Do 2024 r. byłem członkiem zarządu oferenta.")
    journey.shot("chair-progress")
    journey.post(page.locator(f"form[action$='{reverse('chair:close', kwargs={'slug': call.slug})}'] "
                              "button[type=submit]"))
    assert Call.objects.get(pk=call.pk).state == Call.State.SCORED

    # 3. The results: offer 1's mean of three sheets; offer 2's of two (Bogdan excluded).
    page.goto(f"{live_server.url}{reverse('chair:results', kwargs={'slug': call.slug})}")
    totals = list(ScoreSheet.objects.filter(offer=first, state="submitted").values_list("total", flat=True))
    assert len(totals) == 3
    mean = (Decimal(sum(totals)) / 3).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = flat(page.locator("main").inner_text())
    assert f"{mean}".replace(".", ",") in text, text
    second_totals = list(ScoreSheet.objects.filter(offer=second, state="submitted").values_list("total", flat=True))
    assert len(second_totals) == 2
    journey.shot("chair-results")
