"""Answering a request for a cached document (`core.pdf.cache`): the PDF, or "being prepared"."""
from django.http import HttpResponse
from django.shortcuts import render

from core.models import PdfDocument
from core.pdf import cache, registry, tasks
from core.pdf.response import pdf_response


def _pdf(doc: PdfDocument, filename: str) -> HttpResponse:
    return pdf_response(bytes(doc.content), filename)


def respond(request, kind: str, owner, subject: str = "", back_url: str = "") -> HttpResponse:
    """The PDF (200), or for a document built by the worker and not built yet, the "being
    prepared" page (202). The caller has checked that the user may read the document."""
    entry = registry.get(kind)
    document = cache.document_of(kind, owner, subject)
    source, key = document.source, document.fingerprint
    found = PdfDocument.objects.filter(kind=kind, owner=registry.owner_key(owner), subject=subject,
                                       fingerprint=key, built_at__isnull=False)
    ready = found.first()
    if ready is not None:
        return _pdf(ready, source.filename)
    if not entry.worker_only and not cache.is_large(kind, owner):
        return _pdf(cache.build(kind, owner, document), source.filename)
    if cache.claim_build(kind, owner, key, subject):
        if not tasks.enqueue_build(kind, owner.pk, subject):  # the broker is down: the next request asks again
            found.model.objects.filter(kind=kind, owner=registry.owner_key(owner), subject=subject,
                                       fingerprint=key, built_at__isnull=True).delete()
        ready = found.first()
        if ready is not None:  # Celery eager: built inside this request
            return _pdf(ready, source.filename)
    return render(request, "core/pdf/pending.html",
                  {"owner": owner, "title": entry.label, "back_url": back_url,
                   "for_call": not entry.worker_only}, status=202)
