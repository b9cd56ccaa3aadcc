"""Celery tasks of the publication."""
from celery import shared_task

from reports import results_page


@shared_task(name="reports.warm_results_page")
def warm_results_page(call_pk: int) -> None:
    """Render the public results page's body into the cache (`reports.results_page`)."""
    results_page.warm(call_pk)


def results_changed(call_pk: int) -> None:
    """The `awards.published` hook: queue the rendering (inline when Celery runs eagerly)."""
    warm_results_page.delay(call_pk)
