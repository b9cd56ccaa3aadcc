"""The large PDFs of a call (results announcement, ranking, the commission's protocol), rendered
once per content and kept until the data changes; for a large call rendered by a Celery worker.

How a request is answered (`respond`):

1. The document's HTML is rendered (fast) and fingerprinted (SHA-256). Same data, same HTML,
   same fingerprint: the templates print no "now".
2. A stored PDF with that fingerprint is served as it is.
3. Otherwise a small call (fewer offers than `settings.PDF_ASYNC_MIN_OFFERS`) is rendered at
   once, stored and served. A large call gets a "being prepared" page (202) and one build task
   per fingerprint: the pending row is the lock, so many readers enqueue one build; a pending
   row older than `PENDING_RETRY` (a worker died) is enqueued again.

With Celery eager (tests, `make run`) the task runs inside the request, so the PDF is served at
once. Documents of other fingerprints of the same call and kind are deleted when a new one is
built.
"""
import hashlib
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation

from competition.models import Call
from offers.models import Offer
from reports.models import PdfDocument
from reports.pdf import html_to_pdf, render_html

PENDING_RETRY = timedelta(minutes=10)


@dataclass
class Source:
    template: str
    context: dict
    filename: str


def _results_source(call: Call, template: str, name: str) -> Source:
    from reports import selectors_results
    from reports.views_results import LEGAL_BASIS

    with translation.override(settings.LANGUAGE_CODE):  # the reasons the selectors word: the document's language
        found = selectors_results.results_get(call)
    context = {"results": found, "call": call, "legal_basis": LEGAL_BASIS, "as_of": found.published_at}
    return Source(template, context, f"{name}-{call.slug}.pdf")


def _protocol_source(call: Call) -> Source:
    from reports.views_protocol import protocol_get

    with translation.override(settings.LANGUAGE_CODE):
        protocol = protocol_get(call)
    as_of = protocol.closed.at if protocol.closed else None
    return Source("reports/protocol.html", {"protocol": protocol, "call": call, "as_of": as_of},
                  f"protokol-komisji-{call.slug}.pdf")


SOURCES = {
    PdfDocument.Kind.RESULTS: lambda call: _results_source(call, "reports/results.html", "wyniki-konkursu"),
    PdfDocument.Kind.RANKING: lambda call: _results_source(call, "reports/ranking.html", "ranking"),
    PdfDocument.Kind.PROTOCOL: _protocol_source,
}


def fingerprint(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def is_large(call: Call) -> bool:
    return Offer.objects.filter(call=call).exclude(state=Offer.State.DRAFT).count() >= settings.PDF_ASYNC_MIN_OFFERS


def build(kind: str, call: Call, html: str | None = None) -> PdfDocument:
    """Render and store the document as the data stand now (idempotent: an existing one is kept).
    `html`: the document's HTML if the caller has just rendered it."""
    if html is None:
        source = SOURCES[kind](call)
        html = render_html(source.template, source.context)
    key = fingerprint(html)
    done = PdfDocument.objects.filter(kind=kind, call=call, fingerprint=key, built_at__isnull=False).first()
    if done is not None:
        return done
    started = time.monotonic()
    content = html_to_pdf(html)
    now = timezone.now()
    values = {"content": content, "size": len(content), "built_at": now,
              "render_ms": int((time.monotonic() - started) * 1000)}
    with transaction.atomic():
        doc, created = PdfDocument.objects.get_or_create(kind=kind, call=call, fingerprint=key,
                                                         defaults={"requested_at": now, **values})
        if not created and not doc.ready:
            PdfDocument.objects.filter(pk=doc.pk).update(**values)
            doc.refresh_from_db()
        PdfDocument.objects.filter(kind=kind, call=call).exclude(fingerprint=key).delete()
    return doc


def _claim_build(kind: str, call: Call, key: str) -> bool:
    """Record that a build of this content is wanted; True for the one request that should enqueue it."""
    now = timezone.now()
    try:
        with transaction.atomic():
            PdfDocument.objects.create(kind=kind, call=call, fingerprint=key, requested_at=now)
        return True
    except IntegrityError:
        stale = PdfDocument.objects.filter(kind=kind, call=call, fingerprint=key, built_at__isnull=True,
                                           requested_at__lt=now - PENDING_RETRY)
        return stale.update(requested_at=now) == 1  # the worker that had it died: ask again


def _pdf(doc: PdfDocument, filename: str) -> HttpResponse:
    from reports.views import pdf_response

    return pdf_response(bytes(doc.content), filename)


def respond(request, kind: str, call: Call) -> HttpResponse:
    """The PDF (200), or for a large call not built yet, the "being prepared" page (202)."""
    from reports import tasks

    source = SOURCES[kind](call)
    html = render_html(source.template, source.context)
    key = fingerprint(html)
    ready = PdfDocument.objects.filter(kind=kind, call=call, fingerprint=key, built_at__isnull=False).first()
    if ready is not None:
        return _pdf(ready, source.filename)
    if not is_large(call):
        return _pdf(build(kind, call, html), source.filename)
    if _claim_build(kind, call, key):
        tasks.build_pdf.delay(kind, call.pk)
        ready = PdfDocument.objects.filter(kind=kind, call=call, fingerprint=key, built_at__isnull=False).first()
        if ready is not None:  # Celery eager: built inside this request
            return _pdf(ready, source.filename)
    return render(request, "reports/pdf_pending.html", {"call": call, "title": PdfDocument.Kind(kind).label},
                  status=202)
