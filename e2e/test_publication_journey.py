"""A clerk records where the announcement was published; the public reads it on the call's page.
Both pages pass axe (WCAG 2.1 A and AA); a wrong entry is refused with the rule, nothing typed lost."""
import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from e2e.journey import Journey
from e2e.test_accessibility import WCAG

BIP_URL = "https://bip.example.org/ogloszenie-konkursu"


def _axe(page) -> None:
    result = Axe().run(page, options=WCAG)
    assert result.violations_count == 0, result.generate_report()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_clerk_records_the_bip_publication_and_the_public_sees_it(page, live_server, reference_call, clerk,
                                                                      screenshot_dir):
    journey = Journey(page, live_server.url, screenshot_dir)
    journey.name = "publication"
    journey.log_in(clerk.email)
    journey.go(reverse("competition:manage_publication", kwargs={"slug": reference_call.slug}))
    expect(page.locator("#missing-announcement-0")).to_be_visible()  # BIP and the notice board are required
    _axe(page)

    page.locator("#id_place").select_option("bip")
    page.locator("#id_address").fill("bip.example.org/bez-protokolu")
    page.locator("#id_published_from").fill(timezone.localdate().isoformat())
    journey.post(page.locator("#record button[type=submit]"), expect_errors=True)
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#id_address")).to_have_value("bip.example.org/bez-protokolu")  # nothing typed is lost
    journey.shot("refused")

    page.locator("#id_address").fill(BIP_URL)
    journey.post(page.locator("#record button[type=submit]"))
    expect(page.locator("#doc-announcement-0")).to_contain_text(BIP_URL)
    journey.shot("recorded")

    page.context.clear_cookies()
    journey.go(reference_call.get_absolute_url())
    section = page.locator("#publication")
    expect(section.get_by_role("heading", name="Gdzie opublikowano")).to_be_visible()
    expect(section.get_by_role("link", name=BIP_URL)).to_be_visible()
    _axe(page)
    journey.shot("public")
