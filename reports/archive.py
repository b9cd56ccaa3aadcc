"""A call's complete public record as one ZIP, for the office's archive: the announcement (PDF),
its amendments, the results of the formal check, the results and the ranking (PDFs), an annulment,
and the publication record (CSV and HTML), with a README that lists what is inside.

Only public documents go in, each built by the same code as its public page or PDF. The results
and the ranking come from the PDF cache (`core.pdf.cache`): for a large call the PDF worker
builds them, and no request may wait for a worker. So the ZIP takes what is ready; a document
still being prepared is queued for the worker (as a reader of its own address would) and named
in the README as missing, with its address, and a ZIP downloaded a little later holds it. The
ZIP is written as it is sent (`stream`): its members are the PDFs already in memory, and no
copy of the whole archive is kept.
"""
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from competition import selectors_publication
from competition.announcement import ANNOUNCEMENT_TEMPLATE, announcement_context
from competition.models import Call, CallEvent
from competition.rules import WARSAW
from core.models import PdfDocument
from core.pdf import cache, registry, tasks
from core.pdf.render import render_pdf
from evaluation.formal.outcome import annulment_get, formal_check_published, formal_outcome_get
from reports import documents


@dataclass
class Archive:
    call: Call
    members: list[tuple[str, bytes]] = field(default_factory=list)
    missing: list[tuple[str, str]] = field(default_factory=list)  # (document, its address)

    def add(self, name: str, content: bytes | str) -> None:
        self.members.append((name, content.encode("utf-8") if isinstance(content, str) else content))


def _link(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def _cached_pdf(archive: Archive, kind: str, name: str, url_name: str) -> None:
    """A cached document if it is ready, or built now when the request may build it (as
    `core.pdf.serve.respond` decides); else its build is queued and it is named as missing."""
    call, entry = archive.call, registry.get(kind)
    document = cache.document_of(kind, call)
    ready = PdfDocument.objects.filter(kind=kind, owner=registry.owner_key(call), subject="",
                                       fingerprint=document.fingerprint, built_at__isnull=False).first()
    if ready is None and not entry.worker_only and not cache.is_large(kind, call):
        ready = cache.build(kind, call, document)
    if ready is None:
        if cache.claim_build(kind, call, document.fingerprint):
            tasks.enqueue_build(kind, call.pk)
        ready = PdfDocument.objects.filter(kind=kind, owner=registry.owner_key(call), subject="",
                                           fingerprint=document.fingerprint, built_at__isnull=False).first()
    if ready is None:
        archive.missing.append((str(entry.label), _link(reverse(url_name, kwargs={"slug": call.slug}))))
        return
    archive.add(name, bytes(ready.content))


def _amendments(call: Call) -> str:
    events = call.events.filter(kind=CallEvent.Kind.AMENDED).select_related("by").order_by("at", "pk")
    return render_to_string("reports/archive/amendments.html", {"call": call, "events": events})


def _record_csv(record) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Document"), _("Made on"), _("Place"), _("Address or description"), _("Published on"),
                     _("Displayed until"), _("Recorded by"), _("Recorded at")])
    for doc in record:
        for p in doc.places:
            writer.writerow([doc.label, doc.made_at.astimezone(WARSAW).strftime("%Y-%m-%d %H:%M"), p.label, p.address,
                             p.published_from.isoformat(), p.published_until.isoformat() if p.published_until else "",
                             str(p.entry.recorded_by) if p.entry else _("the portal"),
                             p.entry.recorded_at.astimezone(WARSAW).strftime("%Y-%m-%d %H:%M") if p.entry else ""])
    return "\ufeff" + out.getvalue()  # a BOM: a spreadsheet opens the Polish letters as UTF-8


def build(call: Call) -> Archive:
    """The public documents of a published call, in the portal's language."""
    archive = Archive(call)
    with translation.override(settings.LANGUAGE_CODE):
        archive.add(f"01-ogloszenie-{call.slug}.pdf", render_pdf(ANNOUNCEMENT_TEMPLATE, announcement_context(call)))
        if call.events.filter(kind=CallEvent.Kind.AMENDED).exists():
            archive.add("02-zmiany-ogloszenia.html", _amendments(call))
        if formal_check_published(call):
            outcome = formal_outcome_get(slug=call.slug)
            archive.add("03-wyniki-oceny-formalnej.pdf", render_pdf(
                "evaluation/pdf/formal_results.html", {"outcome": outcome, "call": call, "as_of": outcome.closed_at}))
        if call.state == Call.State.ANNULLED:
            archive.add("04-uniewaznienie.pdf", render_pdf("evaluation/pdf/annulment.html", annulment_get(slug=call.slug)))
        elif call.results_published_at:
            _cached_pdf(archive, documents.RESULTS, "05-wyniki-konkursu.pdf", "reports:results_pdf")
            _cached_pdf(archive, documents.RANKING, "06-ranking.pdf", "reports:ranking_pdf")
        record = selectors_publication.publication_record(call)
        archive.add("07-rejestr-publikacji.csv", _record_csv(record))
        archive.add("07-rejestr-publikacji.html", render_to_string(
            "reports/archive/publication_record.html", {"call": call, "documents": record}))
        archive.add("README.txt", render_to_string("reports/archive/readme.txt", {
            "call": call, "names": [name for name, _content in archive.members], "missing": archive.missing,
            "made_at": timezone.now().astimezone(WARSAW), "url": _link(call.get_absolute_url())}))
    return archive


class _Sink(io.RawIOBase):
    """A write-only file whose bytes are taken away as they come (an unseekable stream: zipfile
    then writes each member's sizes after its data)."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data, self.chunks = b"".join(self.chunks), []
        return data


def stream(archive: Archive) -> Iterator[bytes]:
    """The ZIP, member by member."""
    sink = _Sink()
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, content in archive.members:
            zf.writestr(name, content)
            yield sink.take()
    yield sink.take()
