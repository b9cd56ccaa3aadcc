"""The large PDFs of a call (results announcement, ranking, the commission's protocol), rendered
once per content and kept until the data changes; for a large call rendered by a Celery worker.
The PDFs whose size a user controls (an offer, its submission confirmation, a final report:
`WORKER_KINDS`) are always built by the worker: a document of one call is named by its
`subject` ("offer-12-v3", "offer-12-draft", "report-7-v2").

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
from contracts.final_report.pdf import final_report_source
from offers import selectors
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


def _offer_source(call: Call, subject: str) -> Source:
    """An offer's version ("offer-12-v3") or its live draft ("offer-12-draft")."""
    from reports import views_offers

    offer, number = _offer_and_version(call, subject)
    if number is None:
        with translation.override("pl"):  # the problems are printed in the document's language
            problems = [p.message for p in selectors.offer_problems(offer)]
        context = views_offers.offer_context(selectors.offer_snapshot(offer), call, problems=problems)
        return Source("reports/offer.html", context, f"oferta-projekt-{offer.pk}.pdf")
    version = _version(offer, number)
    context = views_offers.offer_context(version.data, call, version=version)
    return Source("reports/offer.html", context,
                  f"oferta-{views_offers.file_slug(version.data.get('number'))}-v{version.number}.pdf")


def _confirmation_source(call: Call, subject: str) -> Source:
    from reports import views_offers

    offer, number = _offer_and_version(call, subject)
    version = _version(offer, number)
    context = views_offers.confirmation_context(version.data, call, version)
    return Source("reports/offer_confirmation.html", context,
                  f"potwierdzenie-oferty-{views_offers.file_slug(version.data.get('number'))}-v{version.number}.pdf")


def _offer_and_version(call: Call, subject: str) -> tuple[Offer, int | None]:
    _offer, pk, version = subject.split("-")
    offer = selectors.offer_get_for_document(pk=int(pk), call=call)
    return offer, None if version == "draft" else int(version[1:])


def _version(offer: Offer, number: int):
    return next(v for v in offer.versions.all() if v.number == number)


def offer_subject(offer: Offer, number: int | None = None) -> str:
    return f"offer-{offer.pk}-draft" if number is None else f"offer-{offer.pk}-v{number}"


SOURCES = {
    PdfDocument.Kind.RESULTS: lambda call, subject: _results_source(call, "reports/results.html", "wyniki-konkursu"),
    PdfDocument.Kind.RANKING: lambda call, subject: _results_source(call, "reports/ranking.html", "ranking"),
    PdfDocument.Kind.PROTOCOL: lambda call, subject: _protocol_source(call),
    PdfDocument.Kind.OFFER: _offer_source,
    PdfDocument.Kind.CONFIRMATION: _confirmation_source,
    PdfDocument.Kind.FINAL_REPORT: final_report_source,
}
# Documents whose size the user controls (every field at its limit, docs/limits.md): always
# built by the worker, whatever the size of the call.
WORKER_KINDS = {PdfDocument.Kind.OFFER, PdfDocument.Kind.CONFIRMATION, PdfDocument.Kind.FINAL_REPORT}


def fingerprint(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def is_large(call: Call) -> bool:
    return Offer.objects.filter(call=call).exclude(state=Offer.State.DRAFT).count() >= settings.PDF_ASYNC_MIN_OFFERS


def build(kind: str, call: Call, html: str | None = None, subject: str = "") -> PdfDocument:
    """Render and store the document as the data stand now (idempotent: an existing one is kept).
    `html`: the document's HTML if the caller has just rendered it."""
    if html is None:
        source = SOURCES[kind](call, subject)
        html = render_html(source.template, source.context)
    key = fingerprint(html)
    same = PdfDocument.objects.filter(kind=kind, call=call, subject=subject)
    done = same.filter(fingerprint=key, built_at__isnull=False).first()
    if done is not None:
        return done
    started = time.monotonic()
    content = html_to_pdf(html)
    now = timezone.now()
    values = {"content": content, "size": len(content), "built_at": now,
              "render_ms": int((time.monotonic() - started) * 1000)}
    with transaction.atomic():
        doc, created = PdfDocument.objects.get_or_create(kind=kind, call=call, subject=subject, fingerprint=key,
                                                         defaults={"requested_at": now, **values})
        if not created and not doc.ready:
            PdfDocument.objects.filter(pk=doc.pk).update(**values)
            doc.refresh_from_db()
        same.exclude(fingerprint=key).delete()
    return doc


def _claim_build(kind: str, call: Call, key: str, subject: str = "") -> bool:
    """Record that a build of this content is wanted; True for the one request that should enqueue it."""
    now = timezone.now()
    try:
        with transaction.atomic():
            PdfDocument.objects.create(kind=kind, call=call, subject=subject, fingerprint=key, requested_at=now)
        return True
    except IntegrityError:
        stale = PdfDocument.objects.filter(kind=kind, call=call, subject=subject, fingerprint=key,
                                           built_at__isnull=True, requested_at__lt=now - PENDING_RETRY)
        return stale.update(requested_at=now) == 1  # the worker that had it died: ask again


def _pdf(doc: PdfDocument, filename: str) -> HttpResponse:
    from reports.views import pdf_response

    return pdf_response(bytes(doc.content), filename)


def respond(request, kind: str, call: Call, subject: str = "", back_url: str = "") -> HttpResponse:
    """The PDF (200), or for a document built by the worker and not built yet, the "being
    prepared" page (202). The caller has checked that the user may read the document."""
    from reports import tasks

    source = SOURCES[kind](call, subject)
    html = render_html(source.template, source.context)
    key = fingerprint(html)
    found = PdfDocument.objects.filter(kind=kind, call=call, subject=subject, fingerprint=key, built_at__isnull=False)
    ready = found.first()
    if ready is not None:
        return _pdf(ready, source.filename)
    if kind not in WORKER_KINDS and not is_large(call):
        return _pdf(build(kind, call, html), source.filename)
    if _claim_build(kind, call, key, subject):
        tasks.build_pdf.delay(kind, call.pk, *([subject] if subject else []))
        ready = found.first()
        if ready is not None:  # Celery eager: built inside this request
            return _pdf(ready, source.filename)
    return render(request, "reports/pdf_pending.html",
                  {"call": call, "title": PdfDocument.Kind(kind).label, "back_url": back_url,
                   "for_call": kind not in WORKER_KINDS}, status=202)
