"""The clerk's publication record screens and the public call page's "where it was published",
through the test client, for every role."""
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from competition.models import Call, CallEvent, PublicationEntry
from competition.rules import WARSAW
from competition.services import publication as services
from conftest import ROLE_FIXTURES

pytestmark = pytest.mark.django_db

BIP_URL = "https://bip.example.org/ogloszenie-konkursu"


@pytest.fixture
def call(reference_call):
    Call.objects.filter(pk=reference_call.pk).update(published_at=timezone.now() - timedelta(days=2))
    return Call.objects.get(pk=reference_call.pk)


def _made(call):
    return call.published_at.astimezone(WARSAW).date()


def _url(call, name="competition:manage_publication", **kwargs):
    return reverse(name, kwargs={"slug": call.slug, **kwargs})


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_only_clerks_open_the_publication_record(call, as_role, role):
    response = as_role(role).get(_url(call))
    expected = {"anonymous": 302, "clerk": 200, "admin_user": 200}.get(role, 403)
    assert response.status_code == expected


@pytest.mark.parametrize("role", ["anonymous", "applicant", "mayor", "commission_member"])
def test_others_cannot_record_a_publication(call, as_role, role):
    response = as_role(role).post(_url(call), {"document": "announcement:0", "place": "bip", "address": BIP_URL,
                                               "published_from": _made(call).isoformat()})
    assert response.status_code in (302, 403)
    assert not PublicationEntry.objects.exists()


def test_the_clerk_records_a_publication_and_sees_it(call, client, clerk):
    client.force_login(clerk)
    response = client.post(_url(call), {"document": "announcement:0", "place": "bip", "address": BIP_URL,
                                        "published_from": _made(call).isoformat()})
    entry = PublicationEntry.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"#entry-{entry.pk}")
    page = client.get(_url(call)).content.decode()
    assert BIP_URL in page and f'id="entry-{entry.pk}"' in page


def test_a_bad_entry_is_shown_beside_its_field_with_what_was_typed(call, client, clerk):
    client.force_login(clerk)
    future = (timezone.localdate() + timedelta(days=5)).isoformat()
    response = client.post(_url(call), {"document": "announcement:0", "place": "bip", "address": "bip.example.org/x",
                                        "published_from": future})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="error-summary"' in page and 'value="bip.example.org/x"' in page and f'value="{future}"' in page
    assert not PublicationEntry.objects.exists()


def test_the_clerk_corrects_and_removes_an_entry(call, client, clerk):
    entry = services.publication_record(call=call, document="announcement:0", by=clerk, place="bip",
                                        address=BIP_URL, published_from=_made(call))
    client.force_login(clerk)
    edit = _url(call, "competition:manage_publication_edit", entry_pk=entry.pk)
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"place": "bip", "address": BIP_URL + "-v2", "published_from": _made(call).isoformat()})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.address == BIP_URL + "-v2"
    remove = _url(call, "competition:manage_publication_remove", entry_pk=entry.pk)
    assert client.post(remove, {"reason": ""}).status_code == 200  # the reason is required
    assert client.post(remove, {"reason": "Wpis do innego dokumentu"}).status_code == 302
    assert not PublicationEntry.objects.exists()
    assert call.events.filter(kind=CallEvent.Kind.PUBLICATION_REMOVED).count() == 1


def test_an_entry_of_another_call_is_404(call, client, clerk, draft_call):
    entry = services.publication_record(call=call, document="announcement:0", by=clerk, place="bip",
                                        address=BIP_URL, published_from=_made(call))
    client.force_login(clerk)
    assert client.get(_url(draft_call, "competition:manage_publication_edit", entry_pk=entry.pk)).status_code == 404


@pytest.mark.parametrize("role", ROLE_FIXTURES)
def test_the_public_call_page_lists_where_each_document_was_published(call, as_role, role, clerk):
    services.publication_record(call=call, document="announcement:0", by=clerk, place="bip", address=BIP_URL,
                                published_from=_made(call))
    page = as_role(role).get(call.get_absolute_url()).content.decode()
    section = page[page.index('id="publication"'):]
    assert BIP_URL in section and f"/calls/{call.slug}/" in section
    assert reverse("reports:call_archive", kwargs={"slug": call.slug}) in section
    assert "Correct or remove" not in section and "Popraw lub usuń" not in section  # no clerk's links


def test_the_clerks_history_shows_what_was_recorded(call, client, clerk):
    services.publication_record(call=call, document="announcement:0", by=clerk, place="bip", address=BIP_URL,
                                published_from=_made(call))
    client.force_login(clerk)
    page = client.get(reverse("competition:manage_history", kwargs={"slug": call.slug})).content.decode()
    assert 'data-kind="pub_recorded"' in page and BIP_URL in page and "publication.address" in page
