"""A chunked document's chunks built by all the PDF worker processes at once, then joined.

`core.pdf.chunks` renders a long document in chunks of rows; in one process that takes the
sum of the chunks' times. When the PDF worker builds a chunked document (`core.pdf.tasks`):

1. `start` records the build as pending (`cache.claim_build`: readers get "being prepared")
   and writes one `core.PdfChunk` per chunk, holding its HTML, under the pending
   `PdfDocument` of that content (so keyed by its fingerprint and the chunk's index). It
   answers which chunks to queue: those never queued (`sent` stamps each once its task is
   sent) and those queued longer than `cache.PENDING_RETRY` ago whose PDF has not come (a
   build asked again after its claim expired re-queues only the missing chunks; the rendered
   ones are kept).
2. Each chunk task renders its chunk's HTML (`chunks.chunk_to_pdf`) and hands the PDF to
   `store`, which decides whether it completed the set: under a lock of the pending document
   row (`select_for_update`) it stores the PDF and counts the chunks still missing, so of
   chunks finishing together exactly one sees none missing (a task run again after that, a
   redelivered one, sees the same and joins again: harmless, the result is the same bytes and
   `cache.store` keeps the first).
3. That task `join`s: the chunks' PDFs in order, the overlay of "Strona X z Y" rendered from the
   document's source as the data stand now, stored by `cache.store` exactly as a build in one
   process; the chunks are deleted. If the data changed since the chunks' HTML was taken (the
   fingerprint differs), nothing is joined: the pending document of the old content is
   dropped with its chunks, and the next reader asks for the new content.

Chunks belong to the pending document of one content, so a chunk of an older fingerprint can
never be joined into a newer document; they are deleted with it (`on_delete=CASCADE`) when a
newer content is stored or the claim is dropped.
"""
import time

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.models import PdfChunk, PdfDocument
from core.pdf import cache, chunks, registry


def start(kind: str, owner, document: chunks.Document, subject: str = "") -> tuple[PdfDocument, list[int]]:
    """Record the pending build of `document` and its chunks; (the document's row, the chunks to queue)."""
    key = document.fingerprint
    cache.claim_build(kind, owner, key, subject)
    now = timezone.now()
    with transaction.atomic():
        doc = PdfDocument.objects.select_for_update().get(
            kind=kind, owner=registry.owner_key(owner), subject=subject, fingerprint=key)
        if doc.ready:
            return doc, []
        known = set(doc.chunks.values_list("index", flat=True))
        PdfChunk.objects.bulk_create(PdfChunk(document=doc, index=index, html=html)
                                     for index, html in enumerate(document.parts) if index not in known)
        unsent = Q(queued_at__isnull=True) | Q(queued_at__lt=now - cache.PENDING_RETRY)
        todo = doc.chunks.filter(unsent, content__isnull=True).order_by("index").values_list("pk", flat=True)
        return doc, list(todo)


def sent(chunk_pk: int) -> None:
    """Its task is queued: a build asked again leaves it alone until `PENDING_RETRY` has passed
    (a chunk written but never queued, its build's worker dead between the two, is queued again
    by the next delivery of the build)."""
    PdfChunk.objects.filter(pk=chunk_pk).update(queued_at=timezone.now())


def join_due(missing: int, pending: bool) -> bool:
    """The rule: the chunks are joined once none is missing, while their document is still pending."""
    return pending and missing == 0


def store(chunk_pk: int, content: bytes, pages: int, render_ms: int) -> int | None:
    """Keep one chunk's PDF; the pending document's pk when no chunk is missing any more (join
    it), None otherwise or when the document was built, replaced or dropped meanwhile."""
    document_pk = PdfChunk.objects.filter(pk=chunk_pk).values_list("document_id", flat=True).first()
    if document_pk is None:
        return None
    with transaction.atomic():
        pending = PdfDocument.objects.select_for_update().filter(pk=document_pk, built_at__isnull=True).exists()
        PdfChunk.objects.filter(pk=chunk_pk, content__isnull=True).update(content=content, pages=pages,
                                                                          render_ms=render_ms)
        missing = PdfChunk.objects.filter(document_id=document_pk, content__isnull=True).count()
        return document_pk if join_due(missing, pending) else None


def complete(document_pk: int) -> bool:
    """Every chunk of the pending document is rendered (a join was due and did not finish: its
    worker died): a build asked again joins them without rendering any again."""
    pending = PdfDocument.objects.filter(pk=document_pk, built_at__isnull=True).exists()
    missing = PdfChunk.objects.filter(document_id=document_pk, content__isnull=True).count()
    return join_due(missing, pending) and PdfChunk.objects.filter(document_id=document_pk).exists()


def render(chunk_pk: int) -> int | None:
    """Render one chunk (unless a run before this one did) and `store` it."""
    chunk = PdfChunk.objects.filter(pk=chunk_pk).values("html", "content", "pages", "render_ms").first()
    if chunk is None:  # its document was built, replaced or dropped: nothing to do
        return None
    if chunk["content"] is not None:  # run again after it was stored (a redelivered task): join if due
        return store(chunk_pk, bytes(chunk["content"]), chunk["pages"], chunk["render_ms"])
    started = time.monotonic()
    content = chunks.chunk_to_pdf(chunk["html"])
    return store(chunk_pk, content, chunks.page_count(content), int((time.monotonic() - started) * 1000))


def join(kind: str, owner, document_pk: int) -> PdfDocument | None:
    """Join the chunks of a pending document and store it (see the module's docstring)."""
    doc = PdfDocument.objects.filter(pk=document_pk, built_at__isnull=True).first()
    if doc is None:
        return None
    parts = list(doc.chunks.order_by("index").values_list("content", "pages", "render_ms"))
    if not parts or any(content is None for content, _pages, _ms in parts):
        return None
    started = time.monotonic()
    current = cache.document_of(kind, owner, doc.subject)
    if current.fingerprint != doc.fingerprint:  # the data changed since: this content is nobody's any more
        doc.delete()
        return None
    numbers = chunks.chunk_to_pdf(chunks.overlay_html(current.source, sum(pages for _c, pages, _ms in parts)))
    content = chunks.join([bytes(content) for content, _pages, _ms in parts], numbers)
    render_ms = sum(ms for _c, _pages, ms in parts) + int((time.monotonic() - started) * 1000)
    built = cache.store(kind, owner, doc.subject, doc.fingerprint, content, render_ms)
    PdfChunk.objects.filter(document_id=document_pk).delete()
    return built



def drop(document_pk: int) -> None:
    """Forget a pending build and its chunks (its owner or its content is gone)."""
    PdfDocument.objects.filter(pk=document_pk, built_at__isnull=True).delete()
