"""Playwright against Debian's Chromium (/usr/bin/chromium), never a downloaded browser.

`playwright install` cannot download here, and without this override pytest-playwright
looks for its own browser and fails. Without Chromium the browser tests are skipped on a
developer's machine, but in CI (CI=true) they fail: CI must never pass by skipping them.
"""
import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API beside live_server

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium floods the closed network with refused connections.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING = f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM.exists():
        if in_ci():
            pytest.fail(f"{MISSING}; CI=true, so browser tests must run, not skip.", pytrace=False)
        pytest.skip(f"{MISSING}; browser tests are skipped outside CI.")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A Polish reader on a desktop screen: Accept-Language pl, so the portal answers in Polish."""
    return {**browser_context_args, "locale": "pl-PL", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def screenshot_dir(pytestconfig) -> Path:
    """pytest-playwright's output folder (test-results/, gitignored; emptied at each session start)."""
    path = Path(pytestconfig.getoption("--output")).absolute()
    path.mkdir(parents=True, exist_ok=True)
    return path
