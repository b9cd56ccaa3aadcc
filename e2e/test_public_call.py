"""A member of the public finds the open call on the home page and reads its money."""
import re

import pytest
from playwright.sync_api import expect

BUDGETS = {"A": "30 000,00 zł", "B": "5 000,00 zł", "C": "7 200,00 zł", "D": "24 000,00 zł"}
PHONE_WIDTH = 375


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_public_reads_the_reference_call_on_desktop_and_phone(page, live_server, reference_call, screenshot_dir):
    page.goto(f"{live_server.url}/")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    open_calls = page.locator("#calls-open")
    expect(open_calls.locator(".countdown")).to_have_text(re.compile(r"\d+\s*min"))  # countdown.js has run

    page.keyboard.press("Tab")
    expect(page.locator("a.skip-link")).to_be_focused()
    expect(page.locator("a.skip-link")).to_be_visible()

    open_calls.get_by_role("link", name=reference_call.title).click()
    expect(page).to_have_url(re.compile(re.escape(reference_call.get_absolute_url()) + "$"))
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.get_by_role("heading", level=1)).to_have_text(reference_call.title)
    for code, amount in BUDGETS.items():
        expect(page.locator(f'#budgets td[data-action="{code}"]')).to_have_text(amount)
    expect(page.locator("#budgets td[data-total]")).to_have_text("66 200,00 zł")
    page.screenshot(path=screenshot_dir / "public-call-1280.png", full_page=True)

    page.set_viewport_size({"width": PHONE_WIDTH, "height": 800})
    expect(page.locator("#budgets td[data-total]")).to_be_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=screenshot_dir / "public-call-375.png", full_page=True)
    assert scroll_width <= PHONE_WIDTH, f"the page scrolls sideways at {PHONE_WIDTH} px ({scroll_width} px wide)"
