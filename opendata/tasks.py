from celery import shared_task

from opendata import files


@shared_task(name="opendata.warm_files")
def warm_files(call_pk: int) -> None:
    """Build the open-data files of a call (`opendata.files`) ahead of the first download."""
    files.warm(call_pk)


def results_changed(call_pk: int) -> None:
    """The `awards.published` hook: queue the building (inline when Celery runs eagerly)."""
    warm_files.delay(call_pk)
