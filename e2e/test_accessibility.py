"""Accessibility in a real browser: axe-core (WCAG 2.0 and 2.1, levels A and AA) finds no
violation on any page type a role of the demo reaches, and the pages of the public and of an
applicant read on a 375 px wide phone without scrolling sideways (WCAG 1.4.10 reflow).

The pages are found the way a visitor finds them: the links reachable from the start pages
(`core/tests/test_content_security.crawl`), one page per URL pattern and role. A page that
breaks the rules fails with axe's report of what and where.
"""
import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import resolve
from playwright.sync_api import Page

from accounts.models import User
from core.tests.test_content_security import ROLES, crawl

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"]}
PHONE_ROLES = ("anonymous", "applicant")
PER_ROLE = 12  # page types scanned per role: the crawl's first, in link order from the start pages
START = ["/", "/offers/", "/grants/", "/manage/calls/", "/commission/", "/decisions/"]


def page_types(client: Client) -> dict[str, str]:
    """One URL per URL pattern reachable by links (the first found)."""
    types: dict[str, str] = {}
    for url in crawl(client, START):
        route = resolve(url.split("?")[0]).route
        types.setdefault(route, url)
    return types


def report(url: str, violations: list[dict]) -> str:
    lines = [f"{url}:"]
    for v in violations:
        targets = [n["target"] for n in v["nodes"][:3]]
        lines.append(f"  {v['id']} ({v['impact']}): {v['help']} — {targets}")
    return "\n".join(lines)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_every_page_type_for_every_role_passes_axe_and_reflows_on_a_phone(live_server, page: Page):
    call_command("load_demo", stdout=io.StringIO())
    axe = Axe()
    failures, scanned = [], 0
    for role, email in ROLES.items():
        client = Client()
        page.context.clear_cookies()
        if email:
            client.force_login(User.objects.get(email=email))
            page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                                       "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
        types = page_types(client)
        assert len(types) >= 5, f"{role}: the crawl found only {list(types.values())}"
        for url in list(types.values())[:PER_ROLE]:
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(live_server.url + url)
            violations = axe.run(page, options=WCAG).response["violations"]
            scanned += 1
            if violations:
                failures.append(f"[{role}] " + report(url, violations))
            if role in PHONE_ROLES:
                page.set_viewport_size({"width": 375, "height": 800})
                page.goto(live_server.url + url)
                width = page.evaluate("document.documentElement.scrollWidth")
                if width > 375:
                    failures.append(f"[{role}, 375 px] {url}: the page is {width} px wide")
    assert scanned >= 50, scanned
    assert not failures, "\n".join(failures)
