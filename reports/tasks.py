"""Celery tasks of the reports: building large PDFs outside the request."""
from celery import shared_task

from competition.models import Call
from reports import pdf_cache


@shared_task(name="reports.build_pdf", acks_late=True)
def build_pdf(kind: str, call_pk: int, subject: str = "") -> int:
    """Render and store one document of a call (`subject`: which offer's or report's, see
    `pdf_cache`) as its data stand now; idempotent."""
    call = Call.objects.filter(pk=call_pk).first()
    if call is None:
        return 0
    return pdf_cache.build(kind, call, subject=subject).size
