"""Stages whose entry a later stage's app carries out.

Moving a call into the formal check opens a formal sheet per submitted offer, and moving it
on to the merit evaluation settles those sheets: that work belongs to `evaluation.formal`,
which sits above competition in the stack of apps. So competition keeps this registry, and
the later stage's app fills it when it starts (`AppConfig.ready()`), instead of competition
importing it.
"""
from collections.abc import Callable

_ENTRY_HANDLERS: dict[str, Callable] = {}


def register_stage_entry(state: str, handler: Callable) -> None:
    """`handler(call=..., by=...)` moves a call into `state` and returns the call."""
    _ENTRY_HANDLERS[state] = handler


def stage_entry(state: str) -> Callable | None:
    """The handler registered for entering `state`, if any."""
    return _ENTRY_HANDLERS.get(state)
