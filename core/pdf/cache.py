"""Built PDFs kept once per content until the data change; large ones built by a Celery worker.

Which documents are cached, and how each is built, is registered by the app that owns it
(`core.pdf.registry`): the results announcement, the ranking, the commission's protocol (built
by the worker for a large call), and the documents whose size a user controls (an offer, its
submission confirmation, a final report: `worker_only`, always built by the worker). A document
of an owner is named by its `subject` ("offer-12-v3", "offer-12-draft", "report-7-v2").

How a request is answered (`core.pdf.serve.respond`):

1. The document's HTML is rendered (fast) and fingerprinted (SHA-256). Same data, same HTML,
   same fingerprint: the templates print no "now".
2. A stored PDF with that fingerprint is served as it is.
3. Otherwise a document that is not `worker_only` and whose owner is not large (its kind's
   `is_large`, e.g. fewer offers than `settings.PDF_ASYNC_MIN_OFFERS`) is rendered at once,
   stored and served. The others get a "being prepared" page (202) and one build task per
   fingerprint: the pending row is the lock, so many readers enqueue one build; a pending row
   older than `PENDING_RETRY` (a worker died) is enqueued again.

With Celery eager (tests, `make run`) the task runs inside the request, so the PDF is served at
once. Documents of other fingerprints of the same owner, kind and subject are deleted when a new
one is built. A long document registered with `chunk_rows` is rendered in chunks and joined
(`core.pdf.chunks`); its fingerprint covers the HTML of every chunk. The worker builds such a
document as one task per chunk, joined by the last (`core.pdf.spread`), and stores it with
`store`, as every build. Documents registered
`built_on` an event are built by the worker as soon as it happens (`core.pdf.prebuild`).
"""
import hashlib
import time
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import PdfDocument
from core.pdf import chunks, registry
from core.pdf.render import html_to_pdf

PENDING_RETRY = timedelta(minutes=10)


def fingerprint(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


def is_large(kind: str, owner) -> bool:
    check = registry.get(kind).is_large
    return bool(check and check(owner))


def document_of(kind: str, owner, subject: str = "") -> chunks.Document:
    """The document's HTML as the data stand now (in chunks for a chunked kind): cheap."""
    entry = registry.get(kind)
    return chunks.document(entry.source(owner, subject), entry.chunk_rows)


def to_pdf(document: chunks.Document) -> bytes:
    return chunks.to_pdf(document) if document.chunked else html_to_pdf(document.parts[0])


def build(kind: str, owner, document: chunks.Document | None = None, subject: str = "", *,
          announce: bool = False) -> PdfDocument:
    """Render and store the document as the data stand now (idempotent: an existing one is kept).
    `document`: its HTML if the caller has just rendered it. `announce` (the worker): first record
    the build as pending, so that readers meanwhile get "being prepared" and queue no second one."""
    if document is None:
        document = document_of(kind, owner, subject)
    key = document.fingerprint
    done = built(kind, owner, key, subject)
    if done is not None:
        return done
    if announce:
        claim_build(kind, owner, key, subject)
    started = time.monotonic()
    content = to_pdf(document)
    return store(kind, owner, subject, key, content, int((time.monotonic() - started) * 1000))


def built(kind: str, owner, key: str, subject: str = "") -> PdfDocument | None:
    """The stored PDF of content `key`, if it is built."""
    return PdfDocument.objects.filter(kind=kind, owner=registry.owner_key(owner), subject=subject,
                                      fingerprint=key, built_at__isnull=False).first()


def store(kind: str, owner, subject: str, key: str, content: bytes, render_ms: int) -> PdfDocument:
    """Keep the built PDF of content `key` (filling its pending row) and drop the owner's other
    contents of the same document."""
    now = timezone.now()
    values = {"content": content, "size": len(content), "built_at": now, "render_ms": render_ms}
    same = PdfDocument.objects.filter(kind=kind, owner=registry.owner_key(owner), subject=subject)
    with transaction.atomic():
        doc, created = PdfDocument.objects.get_or_create(
            kind=kind, owner=registry.owner_key(owner), subject=subject, fingerprint=key,
            defaults={"requested_at": now, **values})
        if not created and not doc.ready:
            PdfDocument.objects.filter(pk=doc.pk).update(**values)
            doc.refresh_from_db()
        same.exclude(fingerprint=key).delete()
    return doc


def claim_build(kind: str, owner, key: str, subject: str = "") -> bool:
    """Record that a build of this content is wanted; True for the one request that should enqueue it."""
    now = timezone.now()
    name = registry.owner_key(owner)
    try:
        with transaction.atomic():
            PdfDocument.objects.create(kind=kind, owner=name, subject=subject, fingerprint=key, requested_at=now)
        return True
    except IntegrityError:
        stale = PdfDocument.objects.filter(kind=kind, owner=name, subject=subject, fingerprint=key,
                                           built_at__isnull=True, requested_at__lt=now - PENDING_RETRY)
        return stale.update(requested_at=now) == 1  # the worker that had it died: ask again
