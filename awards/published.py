"""Who is told, after the commit, that the published results of a call may have changed.

A higher app registers a function of the call's pk in its `AppConfig.ready()` (`reports` renders
the public results page ahead of the first visitor); awards imports no app above it. Called by
`services.results_publish`, and through `after_change` by every change of published results: a
correction (`services.decision_correct`), and the negotiation's events (a resignation, an answer
overdue, an accepted lower grant, a re-allocation: `awards.negotiation.services`).
Each hook runs after the commit, on its own: a hook that fails is logged and never undoes the
publication or stops the other hooks.
"""
import logging
from collections.abc import Callable

from django.db import transaction

from core.pdf import prebuild as pdf_prebuild

logger = logging.getLogger(__name__)

_hooks: list[Callable[[int], None]] = []


def register(hook: Callable[[int], None]) -> None:
    if hook not in _hooks:
        _hooks.append(hook)


def _run(hook: Callable[[int], None], call_pk: int) -> None:
    try:
        hook(call_pk)
    except Exception:  # a warm-up is a help: the pages render without it
        logger.exception("Hook %s failed after the results of call %s changed", hook, call_pk)


def results_changed(call_pk: int) -> None:
    """Run every registered hook after the current transaction commits."""
    for hook in list(_hooks):
        transaction.on_commit(lambda hook=hook: _run(hook, call_pk))


def after_change(call) -> bool:
    """What a publication queues, again, when the published results of `call` change: the results'
    PDFs (`core.pdf.prebuild`, event "results") and the hooks above. Nothing before publication."""
    if not call.results_published_at:
        return False
    pdf_prebuild.after("results", call)
    results_changed(call.pk)
    return True
