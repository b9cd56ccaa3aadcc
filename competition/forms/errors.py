"""Where an error belongs on the clerk's screens.

An error of the call's rules names a path in the call document (`actions[1].budget`);
`section_of` says which screen edits that value, so each screen shows only its own
errors, beside the field they concern. A service's ValidationError is put on the
fields it names the same way (`add_service_errors`).
"""
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from competition import rules
from core.forms import place_service_errors

_SEGMENT = re.compile(r"^(?P<name>[a-z_]+)(?:\[(?P<index>\d+)\])?$")


@dataclass(frozen=True)
class Segment:
    name: str
    index: int | None


def path_segments(path: str) -> list[Segment]:
    """`actions[1].indicators[0].minimum` -> [actions/1, indicators/0, minimum/None]."""
    segments = []
    for part in path.split("."):
        match = _SEGMENT.match(part)
        if match is None:
            segments.append(Segment(part, None))
        else:
            index = match["index"]
            segments.append(Segment(match["name"], int(index) if index is not None else None))
    return segments


def section_of(path: str) -> tuple[str, int | None]:
    """The clerk's screen that edits the value at `path`, and the parent row it belongs to.

    ("indicators", 1) is the indicator page of the second action; ("merit_parts", 0) the
    sub-criteria or scale page of the first merit criterion; the parent is None otherwise.
    """
    segs = path_segments(path)
    head, rest = segs[0], segs[1:]
    if head.name == "actions":
        if rest and rest[0].name == "indicators":
            return "indicators", head.index
        return "actions", None
    if head.name == "merit_criteria":
        if rest and rest[0].name in ("subcriteria", "steps"):
            return "merit_parts", head.index
        return "merit", None
    simple = {"zones": "zones", "lpr_projects": "lpr", "formal_criteria": "formal", "max_points": "merit",
              "rules": "rules"}
    return simple.get(head.name, "basics"), None


def rule_errors(document: dict) -> list[rules.FieldError]:
    try:
        rules.parse_call_document(document)
    except rules.CallDocumentError as exc:
        return exc.errors
    return []


def add_service_errors(exc: ValidationError, form=None, reason_form=None) -> list[str]:
    """Put a service's ValidationError on the fields it names (the amendment's reason on the
    reason form); return the rest as messages (`core.forms.place_service_errors`)."""
    return place_service_errors(exc, [reason_form, form])
