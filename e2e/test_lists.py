"""The lists in a real browser: a clerk finds an offer by its number through the search form, the
state lands in the address, a filtered list passes axe (WCAG 2.1 AA) at 1 280 and 375 px, and every
list reads on a 375 px phone without scrolling sideways (WCAG 1.4.10 reflow)."""
import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Page, expect

from accounts.models import User
from competition.models import Call
from e2e.test_accessibility import WCAG, report
from evaluation.formal.selectors import CHECKED_STATES
from offers.models import Offer


def _log_in(page: Page, live_server, email: str | None) -> None:
    page.context.clear_cookies()
    if email:
        client = Client()
        client.force_login(User.objects.get(email=email))
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                                   "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])


def _reflows(page: Page, url: str) -> str | None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(url)
    width = page.evaluate("document.documentElement.scrollWidth")
    return f"{url}: the page is {width} px wide at 375 px" if width > 375 else None


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_clerk_finds_an_offer_by_number_and_every_list_reflows_and_passes_axe(live_server, page: Page):
    call_command("load_demo", stdout=io.StringIO())
    call = Call.objects.filter(offers__state__in=CHECKED_STATES).distinct().first()
    offer = Offer.objects.filter(call=call, state__in=CHECKED_STATES).order_by("-number").first()
    base = live_server.url
    failures = []

    # the journey: the search form, the result, the state in the address
    _log_in(page, live_server, "urzednik@demo.local")
    page.goto(f"{base}/manage/calls/{call.slug}/formal/")
    page.get_by_label("Numer, tytuł lub organizacja").fill(f"2019/{offer.number}")
    page.get_by_role("button", name="Pokaż").click()
    expect(page).to_have_url(re.compile(rf"/formal/\?q=2019%2F{offer.number}&"))
    expect(page.locator("#offers tbody tr")).to_have_count(1)
    expect(page.locator("#offers tbody tr th")).to_have_text(offer.number)
    expect(page.locator(".list-summary")).to_contain_text("Wyświetlono 1–1 z 1 wyniku")
    page.get_by_role("link", name="Lp.").click()  # the sortable header reverses the order
    expect(page.locator('th[aria-sort="descending"]')).to_have_count(1)

    # a filtered list passes axe on a desktop and on a phone
    axe = Axe()
    filtered = f"{base}/manage/calls/{call.slug}/formal/?q=2019%2F{offer.number}&sheet=nonsense"
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(filtered)
        violations = axe.run(page, options=WCAG).response["violations"]
        if violations:
            failures.append(f"[{width} px] " + report(filtered, violations))

    # every list of every role reads on a phone
    lists = {
        None: ["/", "/?q=konkurs&phase=closed"],
        "oferent@demo.local": ["/offers/", "/offers/?state=submitted"],
        "urzednik@demo.local": [f"/manage/calls/{call.slug}/formal/", "/manage/outbox/?state=sent",
                                f"/manage/calls/{call.slug}/contracts/", f"/manage/offers/{offer.pk}/audit/?kind=%2B"],
        "admin@demo.local": [f"/urzad/{call.authority.slug}/urzednicy/"],  # the authority's officials
    }
    for email, urls in lists.items():
        _log_in(page, live_server, email)
        for url in urls:
            problem = _reflows(page, base + url)
            if problem:
                failures.append(problem)
    assert not failures, "\n".join(failures)
