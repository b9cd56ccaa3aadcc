"""What a stage above wants to hear when a signed confirmation is recorded: `evaluation`
registers the refresh of the offer's formal sheet in `EvaluationConfig.ready()`, so the
computed answer follows at once (docs/architecture.md, "Registries")."""
from collections.abc import Callable

_recorded: list[Callable] = []


def register_recorded(handler: Callable) -> None:
    """`handler(offer)`, called inside the recording transaction."""
    if handler not in _recorded:
        _recorded.append(handler)


def recorded(offer) -> None:
    for handler in _recorded:
        handler(offer)
