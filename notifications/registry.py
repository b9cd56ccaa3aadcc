"""What the stages of the competition tell the outbox when they start (`AppConfig.ready()`).

Notifications sit below every stage (docs/architecture.md, "Apps stack in one order"): a
stage calls notifications' services, never the reverse. What the outbox needs to know about a
stage's data is registered here by that stage:

- reminder planners: `planner(now) -> list[Planned]`, called by `services.plan_reminders`
  in the order they were registered;
- "does this still apply" checks, asked just before sending: one per message kind, or else one
  per kind of object the message is about (the prefix of its key: "offer" for "offer:12");
  `check(message) -> bool`; a message with neither always applies once the user's own settings
  allow (`check_for`);
- attachment builders, one per prefix of `Message.attachment` ("confirmation:12:1"):
  `builder(*parts) -> (file name, content, MIME type)`;
- recipient resolvers by what a message is about ("offer"): `resolver(obj) -> users`.
"""
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass
class Planned:
    """One reminder to queue: `services.queue` with these arguments."""

    kind: str
    users: list
    object_key: str
    subject: str
    text: str
    url: str
    due_at: datetime
    sender: str = ""  # the authority's From header (`sender_of`); empty: the installation's
    authority_id: int | None = None  # whose work it is about (the outbox's filter)


Planner = Callable[[datetime], Iterable[Planned]]
Check = Callable[..., bool]
Attachment = tuple[str, bytes, str]

_planners: list[Planner] = []
_checks: dict[str, Check] = {}
_key_checks: dict[str, Check] = {}
_senders: dict[str, Callable] = {}
_attachments: dict[str, Callable[..., Attachment]] = {}
_recipients: dict[str, Callable] = {}


def register_planner(planner: Planner) -> None:
    if planner not in _planners:  # ready() may run twice in tests; plan each kind once
        _planners.append(planner)


def register_check(kinds: Iterable[str], check: Check) -> None:
    for kind in kinds:
        _checks[str(kind)] = check  # str(): a Message.Kind member is keyed by its value


def register_key_check(prefix: str, check: Check) -> None:
    """A check for every message about that kind of object ("offer" for keys "offer:12"), whatever
    its kind, unless its kind has a check of its own."""
    _key_checks[prefix] = check


def register_attachment(prefix: str, builder: Callable[..., Attachment]) -> None:
    _attachments[prefix] = builder


def register_recipients(about: str, resolver: Callable) -> None:
    _recipients[about] = resolver


def register_sender(about: str, resolver: Callable) -> None:
    """`resolver(obj)` gives the From header of messages about `obj` (its authority's sender)."""
    _senders[about] = resolver


def sender_of(about: str, obj) -> str:
    """The From header of a message about `obj`, or "" (the installation's) when none is registered."""
    resolver = _senders.get(about)
    return (resolver(obj) or "") if resolver else ""


def planners() -> list[Planner]:
    return list(_planners)


def check_for(message) -> Check | None:
    """The check of the message's kind if its stage registered one, else the check of the object it
    is about (the prefix of its key), else None."""
    check = _checks.get(str(message.kind))
    if check is None and ":" in message.object_key:
        check = _key_checks.get(message.object_key.split(":", 1)[0])
    return check


def attachment_builder(prefix: str) -> Callable[..., Attachment] | None:
    return _attachments.get(prefix)


def recipients(about: str, obj):
    """The users a message about `obj` goes to (e.g. "offer": every member of every offeror)."""
    try:
        resolver = _recipients[about]
    except KeyError:
        raise LookupError(f"no recipients registered for {about!r}") from None
    return resolver(obj)
