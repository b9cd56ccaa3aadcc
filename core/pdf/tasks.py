"""The PDF worker's tasks: building a registered document outside the request; a chunked one
(`core.pdf.chunks`) as one task per chunk, so that the PDF worker processes render its chunks
at once (`core.pdf.spread`)."""
import logging

from celery import shared_task
from django.conf import settings
from django.http import Http404
from kombu.exceptions import OperationalError as BrokerError

from core.pdf import cache, registry, spread

logger = logging.getLogger(__name__)

CHUNK_RETRIES = 3  # a chunk that fails is tried again 1, 2, 4 s later (then the claim's expiry asks again)


def _owner(kind: str, owner_pk: int):
    model = registry.get(kind).owner
    return model._default_manager.filter(pk=owner_pk).first()


# The name is the one the task had in `reports`: tasks queued before the move still run.
@shared_task(name="reports.build_pdf", acks_late=True)
def build_pdf(kind: str, owner_pk: int, subject: str = "") -> int:
    """Render and store one document of an owner (`subject`: which offer's or report's, see
    `core.pdf.cache`) as its data stand now; idempotent. 0 when the owner no longer exists or
    its document is no longer public (results withdrawn by an annulment meanwhile). A chunked
    document: its chunks are queued (the size is then that of the document once joined: with
    Celery eager, at once; else 0, the chunk tasks build it)."""
    owner = _owner(kind, owner_pk)
    if owner is None:
        return 0
    try:
        document = cache.document_of(kind, owner, subject)
        if document.chunked:
            return _spread(kind, owner, document, subject)
        return cache.build(kind, owner, document, subject=subject, announce=True).size
    except Http404:
        return 0


def _spread(kind: str, owner, document, subject: str) -> int:
    done = cache.built(kind, owner, document.fingerprint, subject)
    if done is not None:
        return done.size
    doc, todo = spread.start(kind, owner, document, subject)
    for chunk_pk in todo:  # eager: each runs here, in order, and the last one joins
        build_pdf_chunk.apply_async((kind, owner.pk, chunk_pk), queue=settings.QUEUE_PDF)
        spread.sent(chunk_pk)
    if not todo and spread.complete(doc.pk):  # every chunk came, the join did not finish
        spread.join(kind, owner, doc.pk)
    doc.refresh_from_db()
    return doc.size


@shared_task(name="core.pdf.build_chunk", acks_late=True, autoretry_for=(Exception,), max_retries=CHUNK_RETRIES,
             retry_backoff=1, retry_jitter=False)
def build_pdf_chunk(kind: str, owner_pk: int, chunk_pk: int) -> int:
    """Render one chunk of a document being built (`core.pdf.spread`); the task that renders the
    last one joins them. A failure is retried; a worker that dies leaves the task unacknowledged,
    so it is delivered again (`acks_late`, `CELERY_TASK_REJECT_ON_WORKER_LOST`). 1 when this
    task joined the document, else 0."""
    document_pk = spread.render(chunk_pk)
    if document_pk is None:
        return 0
    owner = _owner(kind, owner_pk)
    try:
        if owner is not None:
            return int(spread.join(kind, owner, document_pk) is not None)
    except Http404:
        pass
    spread.drop(document_pk)  # the owner is gone, or its document no longer public (an annulment)
    return 0


def enqueue_build(kind: str, owner_pk: int, subject: str = "") -> bool:
    """Queue `build_pdf`; False, logged, when the broker cannot be reached (Redis down or
    restarting): the caller answers without the build, and a later request queues it again."""
    try:
        build_pdf.delay(kind, owner_pk, *([subject] if subject else []))
    except (BrokerError, OSError):
        logger.warning("The PDF build of %s for %s could not be queued: the broker is unreachable", kind, owner_pk,
                       exc_info=True)
        return False
    return True
