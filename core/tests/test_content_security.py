"""Every page the portal serves carries the Content-Security-Policy, and no page needs an
exception to it: no inline script, no inline event handler, no inline style.

Crawled like a visitor would: for each role of the demo (`load_demo`), the pages reachable by
links from the start pages, up to a limit. The crawl is also a smoke test: no page answers 500.
"""
import io
import re
from collections import deque
from urllib.parse import urldefrag, urlparse

import pytest
from django.core.management import call_command

from accounts.models import User

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.I)
HREF = re.compile(r'href="([^"#][^"]*)"')
SKIP = re.compile(r"(\.pdf$|/admin/|/static/|/media/|logout|/attachments/\d+/)")
ROLES = {
    "anonymous": None,
    "applicant": "oferent@demo.local",
    "clerk": "urzednik@demo.local",
    "chair": "przewodniczaca@demo.local",
    "member with a conflict": "czlonek@demo.local",
    "mayor": "burmistrz@demo.local",
}
LIMIT = 90


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def crawl(client, start: list[str]) -> dict[str, str]:
    seen, pages, queue = set(start), {}, deque(start)
    while queue and len(pages) < LIMIT:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code < 500, f"{url} answered {response.status_code}"
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        assert "Content-Security-Policy" in response, f"{url} has no Content-Security-Policy"
        html = response.content.decode()
        pages[url] = html
        for href in HREF.findall(html):
            href = urldefrag(href.replace("&amp;", "&"))[0]
            parsed = urlparse(href)
            if parsed.netloc or not href.startswith("/") or SKIP.search(parsed.path) or href in seen:
                continue
            seen.add(href)
            queue.append(href)
    return pages


@pytest.mark.parametrize("role", list(ROLES))
def test_no_page_needs_inline_script_handler_or_style(client, demo, role):
    if ROLES[role]:
        client.force_login(User.objects.get(email=ROLES[role]))
    pages = crawl(client, ["/", "/offers/", "/manage/calls/", "/commission/", "/decisions/"])
    assert len(pages) >= 10, f"the crawl found only {list(pages)}"
    for url, html in pages.items():
        assert not INLINE_SCRIPT.search(html), f"{url}: inline script {INLINE_SCRIPT.search(html).group(0)}"
        assert not INLINE_HANDLER.search(html), f"{url}: inline event handler"
        assert not INLINE_STYLE.search(html), f"{url}: inline style {INLINE_STYLE.search(html).group(0)[:120]}"


def test_the_policy_forbids_inline_code_and_foreign_origins(client):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
