"""A journalist takes the demo's decided call's results as a file instead of copying tables out of
a PDF, and a developer reads the API's documentation: Swagger UI from the portal's own files,
under the portal's Content-Security-Policy."""
import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

from demo.decided import DECIDED_SLUG

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_journalist_downloads_the_results_and_reads_the_api_documentation(page, live_server):
    call_command("load_demo", stdout=io.StringIO())
    blocked = []
    page.on("console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text
            else None)

    page.goto(f"{live_server.url}/calls/{DECIDED_SLUG}/results/")
    section = page.locator("#open-data")
    expect(section.get_by_role("heading", name="Otwarte dane")).to_be_visible()
    assert not Axe().run(page, options=WCAG).response["violations"]
    link = section.get_by_role("link", name="CSV – Przyznane dotacje")
    expect(link).to_contain_text("CSV")
    with page.expect_download() as download:
        link.click()
    data = open(download.value.path(), "rb").read()
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert "nr oferty;oferent(ci)" in text and "Stowarzyszenie Razem dla Hajnówki" in text and ";licencja" in text

    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.get_by_text("/api/calls/{slug}/results/")).to_be_visible()
    scripts = page.locator("script").evaluate_all("nodes => nodes.map(n => n.src)")
    assert scripts and all(src.startswith(live_server.url) for src in scripts)
    assert not blocked, blocked
    violations = Axe().run(page, options=WCAG).response["violations"]
    assert not violations, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in violations]
