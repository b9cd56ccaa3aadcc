"""Recording, correcting and removing where a public document was published; the record the
public page and the documents read (the portal's own page counted automatically)."""
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from competition import selectors_publication as record
from competition.models import Call, CallEvent, PublicationEntry
from competition.rules import WARSAW
from competition.services import publication as services

pytestmark = pytest.mark.django_db

BIP_URL = "https://bip.example.org/ogloszenie"


@pytest.fixture
def call(reference_call):
    """The reference call, published three days ago."""
    moment = timezone.now() - timedelta(days=3)
    Call.objects.filter(pk=reference_call.pk).update(published_at=moment)
    return Call.objects.get(pk=reference_call.pk)


def _day(call, days=0):
    return call.published_at.astimezone(WARSAW).date() + timedelta(days=days)


def _record(call, clerk, **kwargs):
    values = {"document": "announcement:0", "place": "bip", "address": BIP_URL, "published_from": _day(call)}
    values.update(kwargs)
    return services.publication_record(call=call, by=clerk, **values)


def test_recording_a_place_stores_it_and_writes_the_history(call, clerk):
    entry = _record(call, clerk)
    assert (entry.document, entry.place, entry.address, entry.recorded_by) == ("announcement", "bip", BIP_URL, clerk)
    event = call.events.get(kind=CallEvent.Kind.PUBLICATION_RECORDED)
    assert event.by == clerk and event.changes["publication.address"] == [None, BIP_URL]


def test_the_record_starts_with_the_portal_and_lists_the_missing_places(call, clerk):
    doc = record.publication_record(call)[0]
    assert doc.kind == "announcement" and len(doc.places) == 1
    portal = doc.places[0]
    assert portal.entry is None and portal.place == "website" and portal.address.endswith(f"/calls/{call.slug}/")
    assert portal.published_from == _day(call)
    assert len(doc.missing) == 2  # BIP and the notice board
    _record(call, clerk)
    _record(call, clerk, place="notice_board", address="", published_until=_day(call, 1))
    doc = record.publication_record(call)[0]
    assert [p.place for p in doc.places] == ["website", "bip", "notice_board"] and doc.missing == []


def test_a_bad_entry_is_refused_with_the_rule_and_nothing_is_stored(call, clerk):
    with pytest.raises(ValidationError) as exc:
        _record(call, clerk, address="bip.example.org", published_from=_day(call, -1))
    assert set(exc.value.message_dict) == {"address", "published_from"}
    with pytest.raises(ValidationError) as exc:
        _record(call, clerk, published_from=timezone.localdate() + timedelta(days=1))
    assert "published_from" in exc.value.message_dict
    assert not PublicationEntry.objects.exists()
    assert not call.events.filter(kind=CallEvent.Kind.PUBLICATION_RECORDED).exists()


def test_a_document_the_call_does_not_have_is_refused(call, clerk):
    for key in ("results:0", "amendment:999", "nonsense"):
        with pytest.raises(ValidationError) as exc:
            _record(call, clerk, document=key)
        assert "document" in exc.value.message_dict


def test_each_amendment_is_its_own_document(call, clerk):
    first = CallEvent.objects.create(call=call, kind=CallEvent.Kind.AMENDED, by=clerk, at=timezone.now(),
                                     reason="Termin")
    second = CallEvent.objects.create(call=call, kind=CallEvent.Kind.AMENDED, by=clerk, at=timezone.now(),
                                      reason="Kwota")
    docs = record.public_documents(call)
    assert [d.key for d in docs] == ["announcement:0", f"amendment:{first.pk}", f"amendment:{second.pk}"]
    entry = _record(call, clerk, document=f"amendment:{second.pk}", published_from=timezone.localdate())
    places = {d.key: [p.place for p in d.places] for d in record.publication_record(call)}
    assert places[f"amendment:{second.pk}"] == ["website", "bip"] and places[f"amendment:{first.pk}"] == ["website"]
    assert entry.document_ref == second.pk


def test_the_results_and_the_formal_check_appear_once_made(call, clerk):
    now = timezone.now()
    CallEvent.objects.create(call=call, kind=CallEvent.Kind.TRANSITION, from_state="formal_check",
                             to_state="merit_evaluation", at=now - timedelta(days=1))
    Call.objects.filter(pk=call.pk).update(results_published_at=now, state=Call.State.DECIDED)
    call = Call.objects.get(pk=call.pk)
    assert [d.kind for d in record.public_documents(call)] == ["announcement", "formal_results", "results"]
    assert record.document_publication(call, "results").places[0].published_from == timezone.localdate()


def test_correcting_an_entry_keeps_the_old_values_in_the_history(call, clerk):
    entry = _record(call, clerk)
    services.publication_update(entry=entry, by=clerk, place="bip", address=BIP_URL + "-2",
                                published_from=_day(call, 1))
    entry.refresh_from_db()
    assert entry.address == BIP_URL + "-2"
    event = call.events.get(kind=CallEvent.Kind.PUBLICATION_EDITED)
    assert event.changes["publication.address"] == [BIP_URL, BIP_URL + "-2"]
    assert event.changes["publication.entry"] == entry.pk and "publication.place" not in event.changes  # unchanged
    with pytest.raises(ValidationError):  # the same values again: nothing to change
        services.publication_update(entry=entry, by=clerk, place="bip", address=BIP_URL + "-2",
                                    published_from=_day(call, 1))


def test_removing_an_entry_needs_a_reason_and_the_history_keeps_it(call, clerk):
    entry = _record(call, clerk)
    with pytest.raises(ValidationError):
        services.publication_remove(entry=entry, by=clerk, reason=" ")
    services.publication_remove(entry=entry, by=clerk, reason="Pomyłka: inny dokument")
    assert not PublicationEntry.objects.exists()
    event = call.events.get(kind=CallEvent.Kind.PUBLICATION_REMOVED)
    assert event.reason == "Pomyłka: inny dokument" and event.changes["publication.address"] == [BIP_URL, None]
