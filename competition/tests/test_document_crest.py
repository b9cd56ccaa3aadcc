"""The authority's crest at the head of its documents: printed when the authority has one (an
image with its alternative text, the PDF stays tagged), nothing when it has none."""
import io

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from core.pdf.render import render_html
from core.templatetags.portal import CREST_MAX_BYTES, image_data_uri


def _png(size=(40, 48), colour=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def _images(response) -> int:
    """The distinct pictures in the document (pages may share one resource dictionary)."""
    reader = PdfReader(io.BytesIO(response.content))
    return len({image.data for page in reader.pages for image in page.images})


def _announcement(client, call):
    response = client.get(reverse("reports:announcement_pdf", kwargs={"slug": call.slug}))
    assert response.status_code == 200
    return response


@pytest.fixture
def media(tmp_path):
    with override_settings(MEDIA_ROOT=tmp_path):
        yield tmp_path


def test_an_authority_without_a_crest_prints_no_picture(client, reference_call, media):
    assert not reference_call.authority.crest
    assert _images(_announcement(client, reference_call)) == 0


def test_the_authoritys_crest_is_printed_on_its_announcement_with_alternative_text(client, reference_call, media):
    authority = reference_call.authority
    authority.crest.save("herb.png", ContentFile(_png()), save=True)
    assert _images(_announcement(client, reference_call)) == 1
    html = render_html("core/pdf/base.html", {"call": reference_call}, language="pl")
    assert f'alt="Herb: {authority.municipality}"' in html


@pytest.mark.django_db
def test_the_crest_filter_gives_a_data_uri_and_refuses_what_is_not_a_small_picture(media):
    from authorities.models import Authority

    authority = Authority.objects.create(slug="herb", kind="wojt", name="Wójt Gminy Herbowo",
                                         name_genitive="Wójta Gminy Herbowo", municipality="Gmina Herbowo")
    assert image_data_uri(authority.crest) == ""
    authority.crest.save("herb.png", ContentFile(_png()), save=False)
    assert image_data_uri(authority.crest).startswith("data:image/png;base64,iVBOR")
    authority.crest.save("herb.txt", ContentFile(b"not a picture"), save=False)
    assert image_data_uri(authority.crest) == ""
    authority.crest.save("duzy.png", ContentFile(b"\x89PNG" + b"0" * CREST_MAX_BYTES), save=False)
    assert image_data_uri(authority.crest) == ""
