"""Rules of a call as pure functions: no ORM, no request, testable on plain data.

A call travels as a *call document* (the JSON format of `docs/call-format.md`): the
clerk's screens, the copy, the export and the import all go through
`parse_call_document`, so a call is checked by one set of rules wherever it comes from.
"""
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

# The call document's parser and the names it defines live in competition.document (and
# the modules below it); they are re-exported here, so `competition.rules` stays the one
# place to import a call's rules from.
from competition.document import (
    FORMAT,
    MAX_BUDGET,
    MAX_INDICATOR,
    MIN_DAYS_TO_DEADLINE,
    READABLE_FORMATS,
    REQUIRED_STRINGS,
    SLUG_RE,
    TEXT_FIELDS,
    parse_call_document,
)
from competition.document_reader import MAX_SMALL_INT, WARSAW, CallDocumentError, FieldError
from competition.document_rules import RULE_KEYS, missing_rules, rule_defaults
from competition.rules_scales import criterion_max_points, scale_errors, scale_points

__all__ = [
    "WARSAW",
    "FORMAT",
    "READABLE_FORMATS",
    "RULE_KEYS",
    "missing_rules",
    "rule_defaults",
    "MIN_DAYS_TO_DEADLINE",
    "DRAFT",
    "PUBLISHED",
    "SUBMISSION_CLOSED",
    "FORMAL_CHECK",
    "MERIT_EVALUATION",
    "SCORED",
    "DECIDED",
    "CLOSED",
    "ANNULLED",
    "TRANSITIONS",
    "can_transition",
    "FieldError",
    "CallDocumentError",
    "scale_points",
    "scale_errors",
    "criterion_max_points",
    "TEXT_FIELDS",
    "REQUIRED_STRINGS",
    "MAX_BUDGET",
    "MAX_INDICATOR",
    "MAX_SMALL_INT",
    "SLUG_RE",
    "parse_call_document",
    "total_budget",
    "publication_errors",
    "document_diff",
]

DRAFT = "draft"
PUBLISHED = "published"
SUBMISSION_CLOSED = "submission_closed"
FORMAL_CHECK = "formal_check"
MERIT_EVALUATION = "merit_evaluation"
SCORED = "scored"
DECIDED = "decided"
CLOSED = "closed"
ANNULLED = "annulled"

# The only moves a call can make; `competition.services.call_transition` consults this.
# Annulment (art. 18a of the Act: no offers, or none meeting the requirements) is possible
# while offers are checked; `evaluation.formal.services.call_annul` checks the condition.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    DRAFT: (PUBLISHED,),
    PUBLISHED: (SUBMISSION_CLOSED,),
    SUBMISSION_CLOSED: (FORMAL_CHECK, ANNULLED),
    FORMAL_CHECK: (MERIT_EVALUATION, ANNULLED),
    MERIT_EVALUATION: (SCORED, ANNULLED),
    SCORED: (DECIDED,),
    DECIDED: (CLOSED,),
    CLOSED: (),
    ANNULLED: (),
}


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, ())


def total_budget(actions) -> Decimal:
    return sum((a["budget"] for a in actions if a.get("budget") is not None), Decimal("0.00"))


def publication_errors(doc: dict, *, today: date) -> list[FieldError]:
    """What stops a parsed call from being published today, beyond the document rules."""
    errors = []
    deadline = doc["submission_deadline"].astimezone(WARSAW).date()
    if deadline < today + timedelta(days=MIN_DAYS_TO_DEADLINE):
        errors.append(
            FieldError(
                "submission_deadline",
                _("at least %(n)s days must pass from publication (%(today)s) to the submission deadline (%(deadline)s) "
                  "(art. 13(1) of the Act)")
                % {"today": today.strftime("%d.%m.%Y"), "deadline": deadline.strftime("%d.%m.%Y"), "n": MIN_DAYS_TO_DEADLINE},
            )
        )
    return errors


def _flatten(value, prefix: str, out: dict) -> dict:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, f"{prefix}.{key}" if prefix else key, out)
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        for i, item in enumerate(value):
            _flatten(item, f"{prefix}[{i}]", out)
    else:
        out[prefix] = value
    return out


def document_diff(before: dict, after: dict) -> dict[str, list]:
    """Changed values between two call documents as {path: [old, new]} (for the audit trail)."""
    old, new = _flatten(before, "", {}), _flatten(after, "", {})
    return {
        path: [old.get(path), new.get(path)]
        for path in sorted(set(old) | set(new))
        if old.get(path) != new.get(path)
    }


def task_fields(public_task_type: str) -> list[str]:
    """The fields of public tasks a call names (art. 4 of the Act), for the home page's filter:
    its `public_task_type` split at semicolons, without the closing reference to the Act."""
    text = public_task_type.split("(art.", 1)[0] if "(art." in public_task_type else public_task_type
    fields = []
    for part in text.replace("\n", ";").split(";"):
        part = part.strip().rstrip(".").strip()
        if part:
            fields.append(part[0].upper() + part[1:])
    return fields
