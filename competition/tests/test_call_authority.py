"""The call document carries its authority (kind and forms): a Wójt's call goes through export →
import → export unchanged, here and in a portal that has never seen its authority; an older
document's text becomes an authority; wrong forms are named by field and nothing is written."""
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from authorities.models import Authority
from competition import services
from competition.models import Call, CallEvent
from competition.rules import CallDocumentError
from competition.selectors import call_document
from demo.loader import reference_call_document

pytestmark = pytest.mark.django_db

SECOND_CALL = Path(__file__).resolve().parents[2] / "docs" / "examples" / "second-call.json"


def _second() -> dict:
    return json.loads(SECOND_CALL.read_text(encoding="utf-8"))


def _export(slug: str) -> dict:
    out = io.StringIO()
    call_command("export_call", slug, stdout=out)
    return json.loads(out.getvalue())


def test_a_wojts_call_goes_through_export_import_export_unchanged():
    document = _second()
    call = services.call_import(document=document, by=None)
    first = _export(call.slug)
    assert first["authority"] == document["authority"]
    assert first["authority"]["kind"] == "wojt" and first["authority"]["holder_gender"] == "f"

    Call.objects.filter(pk=call.pk).delete()
    services.call_import(document=first, by=None)  # the authority is stored: the same row is used
    assert Authority.objects.count() == 1
    assert _export(call.slug) == first

    Call.objects.all().delete()
    Authority.objects.all().delete()  # another portal: the authority comes with the document
    services.call_import(document=first, by=None)
    assert _export(call.slug) == first


def test_a_new_authority_is_recorded_with_the_import():
    call = services.call_import(document=_second(), by=None)
    event = call.events.get(kind=CallEvent.Kind.IMPORTED)
    assert event.changes["authority"] == "wojt-gminy-kamienna-struga"
    assert call.authority.history.count() == 1


def test_a_stored_authority_wins_over_the_documents_forms():
    stored = services.call_import(document=_second(), by=None).authority
    document = _second()
    document["slug"] = "inny-konkurs"
    document["authority"]["address"] = "Rynek 9"
    call = services.call_import(document=document, by=None)
    assert call.authority == stored
    assert call.authority.address == "Rynek 7, 19-314 Kamienna Struga"


def test_an_older_documents_text_becomes_an_authority_with_guessed_forms():
    document = reference_call_document()
    document["authority"] = "Burmistrz Miasta Hajnówka"
    call = services.call_import(document=document, by=None)
    authority = call.authority
    assert (authority.kind, authority.name_genitive, authority.municipality, authority.seat) == (
        "burmistrz", "Burmistrza Miasta Hajnówka", "Gmina Miejska Hajnówka", "Hajnówka")
    assert call_document(call)["authority"]["slug"] == "burmistrz-miasta-hajnowka"


@pytest.mark.parametrize(("change", "path"), [
    ({"name_genitive": "Burmistrza Gminy Kamienna Struga"}, "authority.name_genitive"),
    ({"kind": "starosta"}, "authority.kind"),
    ({"municipality": "Urząd Gminy Kamienna Struga"}, "authority.municipality"),
    ({"holder_gender": "x"}, "authority.holder_gender"),
    ({"slug": "Wójt Gminy"}, "authority.slug"),
    ({"name": ""}, "authority.name"),
    ({"colour": "red"}, "authority"),
])
def test_wrong_forms_are_named_by_field_and_nothing_is_written(change, path):
    document = _second()
    document["authority"].update(change)
    with pytest.raises(CallDocumentError) as exc:
        services.call_import(document=document, by=None)
    assert path in [e.path for e in exc.value.errors]
    assert not Call.objects.exists() and not Authority.objects.exists()


def test_a_document_without_an_authority_is_refused():
    document = _second()
    del document["authority"]
    with pytest.raises(CallDocumentError) as exc:
        services.call_import(document=document, by=None)
    assert [e.path for e in exc.value.errors] == ["authority"]


# --- the clerk's form picks the authority -------------------------------------------------------


def test_the_clerk_creates_a_call_of_a_chosen_authority(as_role, clerk):
    from competition.tests.test_views_manage import basics_data
    from tests_support.factories import grant, wojt

    authority = wojt()
    grant(clerk, "clerk", [authority])  # the list offers the authorities where the clerk is a clerk
    form = as_role("clerk").get(reverse("competition:manage_create")).content.decode()
    assert f'<option value="{authority.pk}">Wójt Gminy Kamienna Struga</option>' in form

    response = as_role("clerk").post(reverse("competition:manage_create"), basics_data(authority=str(authority.pk)))
    assert response.status_code == 302
    assert Call.objects.get().authority == authority


def test_another_authority_is_not_offered_to_the_clerk(as_role):
    from tests_support.factories import wojt

    authority = wojt()
    form = as_role("clerk").get(reverse("competition:manage_create")).content.decode()
    assert f'<option value="{authority.pk}">' not in form


def test_an_authority_not_on_the_list_is_refused_and_the_typed_values_stay(as_role):
    from competition.tests.test_views_manage import basics_data

    with translation.override("pl"):
        response = as_role("clerk").post(reverse("competition:manage_create"), basics_data(authority="999999"),
                                         HTTP_ACCEPT_LANGUAGE="pl")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wybierz jeden z organów z listy." in html
    assert "Konkurs na działania w obszarze rewitalizacji 2027" in html
    assert not Call.objects.exists()
