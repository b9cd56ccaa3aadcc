"""The PDF worker's task: building a registered document outside the request."""
from celery import shared_task

from core.pdf import cache, registry


# The name is the one the task had in `reports`: tasks queued before the move still run.
@shared_task(name="reports.build_pdf", acks_late=True)
def build_pdf(kind: str, owner_pk: int, subject: str = "") -> int:
    """Render and store one document of an owner (`subject`: which offer's or report's, see
    `core.pdf.cache`) as its data stand now; idempotent. 0 when the owner no longer exists."""
    model = registry.get(kind).owner
    owner = model._default_manager.filter(pk=owner_pk).first()
    if owner is None:
        return 0
    return cache.build(kind, owner, subject=subject).size
