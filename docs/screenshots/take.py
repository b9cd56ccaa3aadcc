"""The README's screenshots: the main pages of each role, taken from the demo in Chromium.

    .venv/bin/python docs/screenshots/take.py

Builds the demo in a throw-away SQLite database, serves it on loopback, logs in as each demo
user through the login form and saves a 1280 px wide view of each page here
(docs/screenshots/<role>-<page>.png). Needs Chromium at /usr/bin/chromium.
"""
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).resolve().parent
PY = ROOT / ".venv" / "bin" / "python"
PORT = 8791
BASE = f"http://127.0.0.1:{PORT}"
PASSWORD = "demo-konkurs-2019"
OPEN, FORMAL, MERIT, DECIDED = (f"hajnowka-2019-{s}" for s in ("rewitalizacja", "ocena-formalna",
                                                               "ocena-merytoryczna", "rozstrzygniety"))


def pages(ids: dict) -> list[tuple[str, str | None, str, str]]:
    """(role, demo e-mail or None, page name, path), in the order the README shows them. A path
    starting with ^ is the first link on the page before that matches it."""
    return [
        ("public", None, "calls", "/"),
        ("public", None, "call", f"/calls/{OPEN}/"),
        ("public", None, "results", f"/calls/{DECIDED}/results/"),
        ("applicant", "oferent@demo.local", "offers", "/offers/"),
        ("applicant", "oferent@demo.local", "offer-costs", f"/offers/{ids['draft']}/costs/"),
        ("applicant", "oferent@demo.local", "grants", "/grants/"),
        ("clerk", "urzednik@demo.local", "calls", "/manage/calls/"),
        ("clerk", "urzednik@demo.local", "formal-check", f"/manage/calls/{FORMAL}/formal/"),
        ("clerk", "urzednik@demo.local", "contracts", f"/manage/calls/{DECIDED}/contracts/"),
        ("member", "czlonek@demo.local", "offers", f"/commission/{MERIT}/"),
        ("member", "czlonek@demo.local", "score-sheet", rf"^/commission/{MERIT}/offers/\d+/$"),
        ("chair", "przewodniczaca@demo.local", "progress", f"/commission/{MERIT}/progress/"),
        ("mayor", "burmistrz@demo.local", "decision", f"/manage/calls/{DECIDED}/decision/"),
    ]


def demo_ids(env) -> dict:
    code = (
        "import django; django.setup()\n"
        "from offers.models import Offer\n"
        f"draft = Offer.objects.filter(call__slug='{OPEN}', state='draft',"
        " organisation__memberships__user__email='oferent@demo.local').order_by('pk').first()\n"
        "print(draft.pk)\n"
    )
    out = subprocess.run([PY, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    return {"draft": out.strip()}


def serve(env) -> subprocess.Popen:
    server = subprocess.Popen([PY, "manage.py", "runserver", "--noreload", f"127.0.0.1:{PORT}"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(60):
        try:
            urlopen(BASE + "/", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    sys.exit("The demo server did not start.")


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.local", "DATABASE_URL": f"sqlite:///{tmp}/demo.sqlite3",
               "MEDIA_ROOT": f"{tmp}/media"}
        env.pop("REDIS_URL", None)
        for command in (["migrate", "--noinput"], ["load_demo"]):
            subprocess.run([PY, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        server = serve(env)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
                context = browser.new_context(locale="pl-PL", viewport={"width": 1280, "height": 860})
                page = context.new_page()
                who = "?"
                for role, email, name, path in pages(demo_ids(env)):
                    if email != who:
                        context.clear_cookies()
                        if email:
                            page.goto(BASE + "/accounts/login/")
                            page.fill("#id_username", email)
                            page.fill("#id_password", PASSWORD)
                            with page.expect_navigation():
                                page.click("main button[type=submit]")
                        who = email
                    if path.startswith("^"):
                        hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.getAttribute('href'))")
                        path = next(href for href in hrefs if re.match(path, href))
                    response = page.goto(BASE + path)
                    if not response or response.status != 200:
                        sys.exit(f"{role} {path}: {response.status if response else 'no answer'}")
                    target = OUT / f"{role}-{name}.png"
                    page.screenshot(path=target)
                    print(target.relative_to(ROOT))
                browser.close()
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
