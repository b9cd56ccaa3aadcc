"""What every browser journey does: numbered full-page screenshots, a click that must navigate
without an error on the page, and logging in as a user of the test world."""
import re

from playwright.sync_api import Page

from tests_support.factories import DEFAULT_PASSWORD

SPACES = re.compile(r"[\s\u00a0\u202f]+")


def flat(text: str) -> str:
    return SPACES.sub(" ", text).strip()


class Journey:
    name = "journey"

    def __init__(self, page: Page, base: str, shots):
        self.page, self.base, self.shots, self.n = page, base, shots, 0

    def shot(self, name: str) -> None:
        self.n += 1
        self.page.screenshot(path=self.shots / f"{self.name}-{self.n:02d}-{name}.png", full_page=True)

    def post(self, button, *, expect_errors: bool = False) -> None:
        with self.page.expect_navigation():
            button.click()
        errors = self.page.locator("#error-summary, .invalid-feedback, .alert-danger")
        if not expect_errors:
            assert errors.count() == 0, f"{self.page.url}: {[flat(t) for t in errors.all_inner_texts()]}"

    def log_in(self, email: str) -> None:
        self.page.context.clear_cookies()
        self.page.goto(f"{self.base}/accounts/login/")
        self.page.locator("#id_username").fill(email)
        self.page.locator("#id_password").fill(DEFAULT_PASSWORD)
        self.post(self.page.locator("main button[type=submit]"))
