"""Writes to the publication record: record, change and remove where a document was published.

Each is one atomic change with a row in the call's history (`CallEvent`, "pub_*") saying what
was recorded, changed or removed. A change of the results' places builds the results' PDFs again
(they print where the results were published), before anyone asks for them.
"""
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from competition import rules_publication as rules
from competition import selectors_publication as selectors
from competition.models import Call, CallEvent, PublicationEntry
from competition.rules import WARSAW
from core.pdf import prebuild as pdf_prebuild

FIELDS = ("place", "address", "published_from", "published_until")
NO_DOCUMENT = gettext_lazy("The call has no such public document (yet): choose one of the list.")
NO_CHANGE = gettext_lazy("The entry is the same as before: nothing to change.")


def _now() -> datetime:
    return timezone.now()


def _snapshot(entry: PublicationEntry) -> dict:
    return {"document": entry.document_key, "place": entry.place, "address": entry.address,
            "published_from": entry.published_from.isoformat(),
            "published_until": entry.published_until.isoformat() if entry.published_until else None}


def _changes(entry_pk: int, before: dict | None, after: dict | None) -> dict:
    """The history's shape ({path: [old, new]}, as the call's other changes): each value that changed,
    and which entry (shown as a note)."""
    before, after = before or {}, after or {}
    rows = {f"publication.{name}": [before.get(name), after.get(name)]
            for name in ("document", "place", "address", "published_from", "published_until")
            if before.get(name) != after.get(name)}
    return {"publication.entry": entry_pk, **rows}


def _check(doc: selectors.PublicDocument, data: dict, now: datetime) -> None:
    errors = rules.entry_errors(place=data["place"], address=data["address"], published_from=data["published_from"],
                                published_until=data["published_until"], today=now.astimezone(WARSAW).date(),
                                made_on=doc.made_on)
    if errors:
        raise ValidationError(errors)


def _document(call: Call, key: str) -> selectors.PublicDocument:
    doc = next((d for d in selectors.public_documents(call) if d.key == key), None)
    if doc is None:
        raise ValidationError({"document": NO_DOCUMENT})
    return doc


def _after(call: Call, document: str) -> None:
    if document == PublicationEntry.Document.RESULTS:
        call.save(update_fields=["updated_at"])  # the cached results page is keyed by it (reports.results_page)
        pdf_prebuild.after("results", call)  # the results' PDFs say where the results were published


def _clean(place: str, address: str, published_from: date, published_until: date | None) -> dict:
    if place not in PublicationEntry.Place.values:
        raise ValidationError({"place": _("Choose where the document was published.")})
    return {"place": place, "address": (address or "").strip(), "published_from": published_from,
            "published_until": published_until}


@transaction.atomic
def publication_record(*, call: Call, document: str, by, place: str, address: str, published_from: date,
                       published_until: date | None = None, now: datetime | None = None) -> PublicationEntry:
    """Record one place where a public document (`document`: its key, "amendment:12") was published."""
    now = now or _now()
    call = Call.objects.select_for_update().get(pk=call.pk)
    doc = _document(call, document)
    data = _clean(place, address, published_from, published_until)
    _check(doc, data, now)
    entry = PublicationEntry(call=call, document=doc.kind, document_ref=doc.ref, recorded_by=by, recorded_at=now,
                             **data)
    entry.full_clean()
    entry.save()
    CallEvent.objects.create(call=call, kind=CallEvent.Kind.PUBLICATION_RECORDED, by=by, at=now,
                             changes=_changes(entry.pk, None, _snapshot(entry)))
    _after(call, doc.kind)
    return entry


@transaction.atomic
def publication_update(*, entry: PublicationEntry, by, place: str, address: str, published_from: date,
                       published_until: date | None = None, now: datetime | None = None) -> PublicationEntry:
    """Correct an entry; the history keeps what it said before."""
    now = now or _now()
    entry = PublicationEntry.objects.select_for_update().select_related("call").get(pk=entry.pk)
    doc = _document(entry.call, entry.document_key)
    data = _clean(place, address, published_from, published_until)
    _check(doc, data, now)
    before = _snapshot(entry)
    for name, value in data.items():
        setattr(entry, name, value)
    after = _snapshot(entry)
    if after == before:
        raise ValidationError(NO_CHANGE)
    entry.recorded_by, entry.recorded_at = by, now
    entry.full_clean()
    entry.save()
    CallEvent.objects.create(call=entry.call, kind=CallEvent.Kind.PUBLICATION_EDITED, by=by, at=now,
                             changes=_changes(entry.pk, before, after))
    _after(entry.call, entry.document)
    return entry


@transaction.atomic
def publication_remove(*, entry: PublicationEntry, by, reason: str, now: datetime | None = None) -> None:
    """Remove an entry recorded by mistake; the history keeps it with the reason."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for removing the entry; it is recorded.")})
    now = now or _now()
    entry = PublicationEntry.objects.select_for_update().select_related("call").get(pk=entry.pk)
    call, document = entry.call, entry.document
    CallEvent.objects.create(call=call, kind=CallEvent.Kind.PUBLICATION_REMOVED, by=by, at=now, reason=reason.strip(),
                             changes=_changes(entry.pk, _snapshot(entry), None))
    entry.delete()
    _after(call, document)
