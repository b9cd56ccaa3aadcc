"""Documents built as soon as the event that makes them happens, so that no reader waits.

A stage that changes what a document shows calls `after(event, owner)` inside its atomic
service (`awards.services.results_publish` and `decision_correct` call it with "results"); the
apps that own documents register them `built_on` that event (`core.pdf.registry`, from their
`AppConfig.ready()`), so the stage below knows no document of the stages above. Once the
transaction commits, one `reports.build_pdf` per such document goes to the PDF worker, for the
documents the worker would build anyway (`worker_only`, or a large owner): the others are
rendered in the request in about a second. The build records itself as pending first
(`core.pdf.cache.build`), so a reader who comes meanwhile gets "being prepared" and queues no
second build; the content's fingerprint is its key, so a document of data changed since is
never served.
"""
from django.db import transaction

from core.pdf import cache, registry, tasks


def after(event: str, owner) -> list[str]:
    """Queue, after the commit, the builds of the owner's documents registered `built_on` event."""
    kinds = [entry.kind for entry in registry.built_on(event, type(owner))]
    if kinds:
        transaction.on_commit(lambda: enqueue(kinds, owner))
    return kinds


def enqueue(kinds: list[str], owner) -> list[str]:
    queued = [kind for kind in kinds if registry.get(kind).worker_only or cache.is_large(kind, owner)]
    return [kind for kind in queued if tasks.enqueue_build(kind, owner.pk)]
