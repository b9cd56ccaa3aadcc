"""Two authorities on one installation (issue 23): a visitor filters the home page by the
commune's authority, opens the Wójt's call and reads that the Wójt announced it; the home page,
the authority's page and the call pass axe and read on a 375 px phone."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import expect

from competition import services
from competition.models import Call
from demo.second_authority import AUTHORITY_SLUG, second_document

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


@pytest.fixture
def commune_call(reference_call, clerk):
    call = services.call_import(document=second_document(today=timezone.localdate()), by=clerk)
    return services.call_publish(call=Call.objects.get(pk=call.pk), by=clerk)


def _axe_and_phone(page, url: str) -> list[str]:
    problems = []
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    for v in Axe().run(page, options=WCAG).response["violations"]:
        problems.append(f"{url}: {v['id']} {v['help']} {[n['target'] for n in v['nodes'][:3]]}")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(url)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > 375:
        problems.append(f"{url}: {width} px wide at 375 px")
    return problems


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_home_page_filter_by_authority_leads_to_the_wojt_s_call(page, live_server, reference_call, commune_call):
    page.goto(f"{live_server.url}/")
    expect(page.locator("#authorities")).to_contain_text("Wójt Gminy Kamienna Struga")
    expect(page.locator("#calls-open")).to_contain_text(reference_call.title)

    page.get_by_label("Organ", exact=True).select_option(label="Wójt Gminy Kamienna Struga")
    page.get_by_role("button", name="Pokaż").click()
    expect(page).to_have_url(re.compile(rf"authority={AUTHORITY_SLUG}"))
    open_calls = page.locator("#calls-open")
    expect(open_calls).not_to_contain_text(reference_call.title)

    open_calls.get_by_role("link", name=commune_call.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(commune_call.title)
    expect(page.locator("#announcing-act")).to_have_text(
        re.compile(rf"Zarządzenie Nr {re.escape(commune_call.order_number)} Wójta Gminy Kamienna Struga z dnia"))
    expect(page.locator("#authority-band")).to_contain_text("Wójt Gminy Kamienna Struga")

    page.locator("#authority-band").get_by_role("link", name="Wójt Gminy Kamienna Struga").click()
    expect(page).to_have_url(f"{live_server.url}/{AUTHORITY_SLUG}/")
    expect(page.locator("#authority-contact")).to_contain_text("Urząd Gminy Kamienna Struga")
    page.get_by_role("link", name=commune_call.title).click()
    expect(page).to_have_url(f"{live_server.url}/{AUTHORITY_SLUG}/calls/{commune_call.slug}/")
    expect(page.locator("#announcing-act")).to_contain_text("Wójta Gminy Kamienna Struga")

    problems = []
    for path in ("/", f"/{AUTHORITY_SLUG}/", f"/{AUTHORITY_SLUG}/calls/{commune_call.slug}/",
                 f"/{AUTHORITY_SLUG}/privacy/"):
        problems += _axe_and_phone(page, live_server.url + path)
    assert not problems, "\n".join(problems)
