"""The announcement PDF: a Polish legal document, A4, tagged, with every number of the call."""
import io
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from pypdf import PdfReader

from conftest import ROLE_FIXTURES

ZONES = ["Chemiczna", "Kolejki Leśne", "Chopina", "Lipowa I", "Międzytory", "Mostowa", "Centrum-Millenium"]
A4_POINTS = (595, 842)


def _pdf_url(call) -> str:
    return reverse("reports:announcement_pdf", kwargs={"slug": call.slug})


@pytest.fixture
def announcement(client, reference_call):
    response = client.get(_pdf_url(reference_call))
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return response, reader, text


def test_announcement_is_served_as_pdf(announcement, reference_call):
    response, _, _ = announcement

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert f'filename="ogloszenie-{reference_call.slug}.pdf"' in response["Content-Disposition"]


def test_announcement_shows_the_total_and_each_action_budget(announcement):
    _, _, text = announcement

    assert "66 200,00" in text
    for amount in ("30 000,00", "5 000,00", "7 200,00", "24 000,00"):
        assert amount in text


def test_announcement_names_all_seven_zones_with_diacritics_and_unbroken(announcement):
    _, _, text = announcement

    for zone in ZONES:
        assert zone in text, f"{zone!r} is missing or broken across lines"


def test_announcement_numbers_its_pages_and_is_a4(announcement):
    _, reader, text = announcement

    pages = len(reader.pages)
    assert "Strona 1 z" in text
    assert f"Strona {pages} z {pages}" in text
    for page in reader.pages:
        assert tuple(round(float(v)) for v in page.mediabox[2:]) == A4_POINTS


def test_announcement_is_tagged_and_titled_for_assistive_technology(announcement, reference_call):
    _, reader, _ = announcement

    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "pl"
    assert reader.metadata.title.endswith(reference_call.title)
    assert reader.metadata.author == reference_call.authority.name


def test_announcement_stays_polish_for_an_english_reader(client, reference_call):
    response = client.get(_pdf_url(reference_call), HTTP_COOKIE="django_language=en")
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages))

    with translation.override("pl"):
        announced = date_format(reference_call.announcement_date, "j E Y")  # e.g. "24 kwietnia 2019"
        eligible = ", ".join(reference_call.eligible_entity_labels())
    assert f"z dnia {announced} r." in text
    assert f"Uprawnione podmioty: {eligible}." in text


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_draft_announcement_is_404_for_every_role(as_role, role, draft_call):
    assert as_role(role).get(_pdf_url(draft_call)).status_code == 404


def test_unknown_call_is_404(client, db):
    assert client.get("/calls/no-such-call/announcement.pdf").status_code == 404
