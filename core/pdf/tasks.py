"""The PDF worker's task: building a registered document outside the request."""
import logging

from celery import shared_task
from django.http import Http404
from kombu.exceptions import OperationalError as BrokerError

from core.pdf import cache, registry

logger = logging.getLogger(__name__)


# The name is the one the task had in `reports`: tasks queued before the move still run.
@shared_task(name="reports.build_pdf", acks_late=True)
def build_pdf(kind: str, owner_pk: int, subject: str = "") -> int:
    """Render and store one document of an owner (`subject`: which offer's or report's, see
    `core.pdf.cache`) as its data stand now; idempotent. 0 when the owner no longer exists or
    its document is no longer public (results withdrawn by an annulment meanwhile)."""
    model = registry.get(kind).owner
    owner = model._default_manager.filter(pk=owner_pk).first()
    if owner is None:
        return 0
    try:
        return cache.build(kind, owner, subject=subject, announce=True).size
    except Http404:
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
