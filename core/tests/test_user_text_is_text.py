"""What users type is shown as text, never run: in pages (HTML escaping) and in PDFs."""
import os
import shutil
import subprocess

import pytest
from django.urls import reverse

from offers import services
from tests_support.factories import MembershipFactory
from tests_support.offers import make_offer

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("x")</script>'
FORMULA = "=cmd|' /C calc'!A0"


@pytest.fixture
def offer(reference_call):
    member = MembershipFactory(organisation__legal_form="association",
                               organisation__name=f"Stowarzyszenie {SCRIPT}")
    offer = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    offer = services.offer_save_fields(offer=offer, by=member.user, revision=None, section="basics",
                                       data={"title": f"{SCRIPT} {FORMULA}", "start_date": offer.start_date,
                                             "end_date": offer.end_date})
    return offer, member.user


def test_a_title_with_markup_shows_as_text_on_the_pages(client, offer):
    offer, user = offer
    client.force_login(user)
    for url in (reverse("offers:offer_detail", kwargs={"pk": offer.pk}), reverse("offers_dashboard"),
                reverse("offers:offer_step", kwargs={"pk": offer.pk, "section": "basics"})):
        html = client.get(url).content.decode()
        assert SCRIPT not in html, url
        assert "&lt;script&gt;alert(" in html, url
        assert "=cmd|" in html or "=cmd|&#x27;" in html, url


def test_a_title_with_markup_shows_as_text_in_the_pdf(client, offer):
    offer, user = offer
    client.force_login(user)
    response = client.get(reverse("reports:offer_draft_pdf", kwargs={"pk": offer.pk}))
    assert response.status_code == 200
    if not shutil.which("pdftotext"):
        if os.environ.get("CI") == "true":
            pytest.fail("pdftotext (poppler-utils) is missing")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True).stdout
    text = " ".join(text.decode().split())
    assert 'alert("x")' in text and "<script>" in text  # printed literally, as typed
    assert "=cmd|' /C calc'!A0" in text
