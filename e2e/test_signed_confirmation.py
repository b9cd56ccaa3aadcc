"""Sign instead of print: an applicant submits an offer in the browser, downloads its
confirmation, and delivers it signed electronically with a test certificate, first of one of the
offeror's two representatives, then of the other; the clerk's formal sheet pre-answers the
signature criterion "Nie" naming who is missing, then "Tak" naming both. On the way, a file
that is not a signature and a signature by someone who does not represent the offeror are
refused with their messages.

The certificates come from a test CA made in the test (signatures/tests/pki.py); the portal's
trust anchors point at a temporary directory holding it. Nothing reaches the network.
"""
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from competition import services as call_services
from competition.models import Call
from e2e.journey import confirm_in_dialog
from evaluation.formal import services as formal
from signatures.tests.pki import Authority, pades_sign, xades_enveloping
from tests_support.factories import DEFAULT_PASSWORD, MembershipFactory
from tests_support.offers import make_offer

APPLICANT_PASSWORD = "Fundacja-Zubr-2025"
CONFIRMATION_CRITERION = "Czy potwierdzenie złożenia oferty zostało podpisane"
SPACES = re.compile(r"[\s\u00a0\u202f]+")


def flat(text: str) -> str:
    return SPACES.sub(" ", text).strip()


@pytest.fixture
def trust(settings, tmp_path):
    """A test CA installed as the operator's only trust anchor, and its people."""
    ca = Authority("Test Qualified CA")
    directory = tmp_path / "trust"
    directory.mkdir()
    (directory / "test-ca.pem").write_bytes(ca.pem())
    settings.SIGNATURE_TRUST_ANCHORS_DIR = str(directory)
    settings.MEDIA_ROOT = str(tmp_path / "media")  # the signed files and reports stay out of the project
    return {"anna": ca.person("Anna", "Kowalska"), "jan": ca.person("Jan", "Nowak"),
            "ewa": ca.person("Ewa", "Mróz")}


def log_in(page: Page, base: str, email: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    expect(page).to_have_url(f"{base}/accounts/waiting/")


def upload(page: Page, path) -> None:
    page.locator("#id_file").set_input_files(str(path))
    with page.expect_navigation():
        page.get_by_role("button", name="Prześlij i zweryfikuj").click()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_confirmation_signed_by_one_then_both_representatives(
    reference_call, clerk, trust, live_server, page: Page, new_context, screenshot_dir, tmp_path
):
    base = live_server.url
    member = MembershipFactory(organisation__legal_form="association", organisation__name="Stowarzyszenie Łączy Nas")
    member.user.set_password(APPLICANT_PASSWORD)
    member.user.save(update_fields=["password"])
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    shots = iter(range(1, 100))

    def shot(name, on=page):
        on.screenshot(path=screenshot_dir / f"signed-{next(shots):02d}-{name}.png", full_page=True)

    # --- 1. the applicant submits the offer and opens the electronic signing page -------------------
    log_in(page, base, member.user.email, APPLICANT_PASSWORD)
    page.goto(base + offer.get_absolute_url())
    page.get_by_role("button", name="Złóż ofertę").click()
    confirm_in_dialog(page, "submit-confirm")
    link = page.get_by_role("link", name="Podpisz elektronicznie zamiast drukować")
    expect(link).to_be_visible()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Potwierdzenie podpisane elektronicznie")
    expect(page.locator("main")).to_contain_text("Nie przesłano potwierdzenia podpisanego elektronicznie.")
    shot("upload-page")

    # the confirmation as the portal serves it, signed outside the portal as a signing tool would
    href = page.locator("#confirmation-pdf").get_attribute("href")
    answer = page.request.get(base + href)
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    confirmation = answer.body()

    # --- 2. bad inputs are refused with their message ----------------------------------------------
    junk = tmp_path / "skan-potwierdzenia.png"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n not a signature")
    upload(page, junk)
    expect(page.locator(".messages")).to_contain_text("Plik nie jest podpisem elektronicznym")
    stranger = tmp_path / "podpis-ewy.pdf"
    stranger.write_bytes(pades_sign(confirmation, trust["ewa"]))
    upload(page, stranger)
    expect(page.locator(".messages")).to_contain_text(
        "Ewa Mróz nie należy do osób upoważnionych do reprezentacji wskazanych w ofercie.")
    expect(page.locator("#signed-confirmations tbody tr.table-danger")).to_have_count(2)  # both kept on record
    shot("refused")

    # --- 3. one representative signs (PAdES) -------------------------------------------------------
    anna = tmp_path / "potwierdzenie-podpisane-anna.pdf"
    anna.write_bytes(pades_sign(confirmation, trust["anna"]))
    upload(page, anna)
    expect(page.locator(".messages")).to_contain_text("Podpisane potwierdzenie zostało zweryfikowane i przyjęte.")
    status = page.locator("#signed-status")
    expect(status).to_contain_text("podpisali: Anna Kowalska")
    expect(status).to_contain_text("brakuje: Jan Nowak")
    shot("one-signed")

    # --- 4. submissions close; the clerk starts the formal check: "Nie", Jan Nowak missing ---------
    Call.objects.filter(pk=reference_call.pk).update(submission_deadline=timezone.now(),
                                                     confirmation_deadline=timezone.now() + timedelta(days=1))
    call = call_services.call_transition(call=Call.objects.get(pk=reference_call.pk),
                                         to=Call.State.SUBMISSION_CLOSED, by=clerk)
    formal.formal_check_start(call=call, by=clerk)
    clerk_page = new_context().new_page()
    log_in(clerk_page, base, clerk.email, DEFAULT_PASSWORD)
    sheet_url = base + reverse("evaluation:sheet", kwargs={"slug": call.slug, "offer_pk": offer.pk})
    clerk_page.goto(sheet_url)
    criterion = clerk_page.locator("#answers-form fieldset", has_text=CONFIRMATION_CRITERION)
    computed = criterion.locator("[id^='auto-']")
    expect(computed.locator("strong.text-danger")).to_have_text(re.compile(r"Nie"))
    expect(computed).to_contain_text("Anna Kowalska")
    expect(computed).to_contain_text("brakuje 1 z: Jan Nowak")
    expect(clerk_page.locator("#esigned")).to_contain_text("potwierdzenie-podpisane-anna.pdf")
    shot("sheet-no", clerk_page)

    # --- 5. the other representative signs (XAdES): "Tak" with both names -------------------------
    jan = tmp_path / "potwierdzenie-podpis-jan.xml"
    jan.write_bytes(xades_enveloping(confirmation, trust["jan"]))
    upload(page, jan)
    expect(page.locator(".messages")).to_contain_text("przyjęte")
    expect(page.locator("#signed-status")).to_contain_text("komplet")
    shot("both-signed")
    clerk_page.goto(sheet_url)
    computed = clerk_page.locator("#answers-form fieldset", has_text=CONFIRMATION_CRITERION).locator("[id^='auto-']")
    expect(computed.locator(".text-success")).to_have_text(re.compile(r"Tak"))
    expect(computed).to_contain_text("Podpisano elektronicznie przez osoby upoważnione do reprezentacji")
    expect(computed).to_contain_text("Anna Kowalska, Jan Nowak")
    shot("sheet-yes", clerk_page)

    # the clerk opens the verification report kept with the signed file
    report = clerk_page.locator("#esigned").get_by_role("link", name="Raport weryfikacji (PDF)").first
    answer = clerk_page.request.get(base + report.get_attribute("href"))
    assert answer.status == 200 and answer.body().startswith(b"%PDF")
