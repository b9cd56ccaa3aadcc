"""What every browser journey does: numbered full-page screenshots, a click that must navigate
without an error on the page, and logging in as a user of the test world."""
import re

from playwright.sync_api import Page, expect

from tests_support.factories import DEFAULT_PASSWORD

SPACES = re.compile(r"[\s\u00a0\u202f]+")


def flat(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def confirm_in_dialog(page: Page, dialog_id: str) -> None:
    """The confirmation dialog of an irreversible action is open, labelled, with the focus on
    "Cancel" (the safe choice); its confirming button posts the form."""
    dialog = page.locator(f"dialog#{dialog_id}")
    expect(dialog).to_be_visible()
    expect(page.get_by_role("dialog")).to_have_accessible_name(flat(page.locator(f"#{dialog_id}-title").inner_text()))
    expect(dialog.locator("[data-confirm-cancel]")).to_be_focused()
    with page.expect_navigation():
        dialog.locator("[data-confirm-ok]").click()


class Journey:
    name = "journey"

    def __init__(self, page: Page, base: str, shots):
        self.page, self.base, self.shots, self.n = page, base, shots, 0

    def shot(self, name: str) -> None:
        self.n += 1
        self.page.screenshot(path=self.shots / f"{self.name}-{self.n:02d}-{name}.png", full_page=True)

    def post(self, button, *, expect_errors: bool = False) -> None:
        """An irreversible action (a button with data-confirm) asks first: the dialog must open,
        say what will happen, and post the form when confirmed."""
        dialog_id = button.get_attribute("data-confirm")
        if dialog_id:
            button.click()
            confirm_in_dialog(self.page, dialog_id)
        else:
            with self.page.expect_navigation():
                button.click()
        errors = self.page.locator("#error-summary, .invalid-feedback, .alert-danger")
        if not expect_errors:
            assert errors.count() == 0, f"{self.page.url}: {[flat(t) for t in errors.all_inner_texts()]}"

    def go(self, path: str) -> None:
        """Open a page of the portal; it must answer 2xx."""
        response = self.page.goto(self.base + path)
        assert response and response.ok, f"{path}: {response and response.status}"

    def log_in(self, email: str) -> None:
        self.page.context.clear_cookies()
        self.page.goto(f"{self.base}/accounts/login/")
        self.page.locator("#id_username").fill(email)
        self.page.locator("#id_password").fill(DEFAULT_PASSWORD)
        self.post(self.page.locator("main button[type=submit]"))

    # --- the commission -------------------------------------------------------------------------

    def declare(self, *, conflict_ground: int | None = None, explanation: str = "") -> None:
        """A member's declaration on the open offer: no conflict, or a conflict on that ground."""
        form = self.page.locator("main form").first
        if conflict_ground is None:
            form.locator("input[name=conflict][value=none]").check()
        else:
            form.locator("input[name=conflict][value=some]").check()
            form.locator(f"input[name=grounds][value='{conflict_ground}']").check()
            form.locator("textarea[name=explanation]").fill(explanation)
        self.post(form.locator("button[type=submit]").first)

    def fill_sheet(self, points: int, justification: str = "Opis rzetelny, zgodny z celami konkursu.") -> None:
        """Every sub-criterion `points` (capped at its maximum), every justification written."""
        for field in self.page.locator("input[name^='part-']").all():
            field.fill(str(min(points, int(field.get_attribute("max")))))
        for field in self.page.locator("textarea[name^='justification-']").all():
            field.fill(justification)

    # --- negotiation ----------------------------------------------------------------------------

    def accept_lower_grant(self, offer_pk: int, *, lower: str, grant: str, own: str) -> None:
        """On the offer's page the lower grant is shown and cannot be accepted before the costs
        match it; the applicant changes action A's first cost item to `grant` + `own`, then
        submits the updated offer."""
        page = self.page
        box = page.locator("#negotiation")
        expect(box.locator("#negotiation-table")).to_contain_text(lower)
        submit = page.get_by_role("button", name="Złóż zaktualizowaną ofertę")
        expect(submit).to_be_disabled()
        self.shot("lower-grant")
        self.go(f"/offers/{offer_pk}/costs/")
        row = page.locator("[data-cost-action='A'] [data-cost-row]").first
        row.locator("[name$='-grant']").fill(grant)
        row.locator("[name$='-own_financial']").fill(own)
        expect(row.locator("[data-row-mismatch]")).to_be_hidden()
        self.post(page.locator("button[name=save]"))
        self.go(f"/offers/{offer_pk}/")
        expect(box.locator("#negotiation-table")).not_to_contain_text("nie – zmień koszty")
        self.post(submit)
        expect(page.locator(".alert-success")).to_contain_text("niższa dotacja jest przyjęta")

