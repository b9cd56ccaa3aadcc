"""Rules of a call's commission (art. 15 of the Act) as pure functions: no ORM, no request.

Each function returns the message of the rule it checks, or None when the rule holds; the
service (`competition.services_commission`) gathers the facts from the database and puts
each message on the field at fault. Where they come from:

* the commission is appointed for the call and changed until its work is done: from the
  draft until the merit evaluation closes (after that its sheets are the record);
* one chair and one secretary; an expert has an advisory voice and does not score
  (art. 15 of the Act), so cannot chair;
* persons representing organisations taking part in the call may not sit on the
  commission (art. 15 of the Act); "taking part" is any offer past the draft;
* a member's declarations and score sheets are records of the procedure: such a member
  stays (a conflict is declared instead), and does not turn into a non-scoring expert;
* the grounds for exclusion (KPA art. 24) are what members declare against, so at least
  one is needed and the list is fixed once anyone has declared.
"""
from collections.abc import Sequence
from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy

DRAFT = "draft"
PUBLISHED = "published"
SUBMISSION_CLOSED = "submission_closed"
FORMAL_CHECK = "formal_check"
MERIT_EVALUATION = "merit_evaluation"

# Stages at which the commission may be appointed and changed; after "scored" its sheets
# decide the ranking, so it stays as it was.
COMMISSION_STATES = (DRAFT, PUBLISHED, SUBMISSION_CLOSED, FORMAL_CHECK, MERIT_EVALUATION)

# CommissionMember.Role and .Kind values (the rules know no models).
MEMBER = "member"
CHAIR = "chair"
SECRETARY = "secretary"
EXPERT = "expert"

COMMISSION_FROZEN = gettext_lazy(
    "The commission can no longer be changed: the call is at the stage “%(stage)s”. "
    "It can be changed from the draft until the merit evaluation closes."
)
CHAIR_TAKEN = gettext_lazy(
    "The commission already has a chair, %(name)s; it can have only one. Change that member's function first."
)
SECRETARY_TAKEN = gettext_lazy(
    "The commission already has a secretary, %(name)s; it can have only one. Change that member's function first."
)
EXPERT_CANNOT_CHAIR = gettext_lazy(
    "An expert has an advisory voice only and does not score offers, so cannot chair the commission. "
    "Choose another function, or another kind of member."
)
ALREADY_MEMBER = gettext_lazy(
    "%(person)s is already a member of this commission; change their function in the list of members instead."
)
OFFEROR_MEMBER = gettext_lazy(
    "%(person)s cannot sit on the commission: they are a member of an organisation that has submitted an offer "
    "in this call (%(organisations)s). Persons representing organisations taking part in the call may not be "
    "members of the commission (art. 15 of the Act)."
)
CANNOT_REMOVE = gettext_lazy(
    "%(person)s cannot be removed from the commission: they have already made an impartiality declaration or "
    "have a score sheet, and these records must be kept. If they must not assess an offer, they declare a "
    "conflict of interest for it instead."
)
EXPERT_WITH_SHEETS = gettext_lazy(
    "%(person)s already has a score sheet, so cannot become an expert with an advisory voice: an expert does "
    "not score. Keep the current kind of member."
)
MIN_SHEETS_TOO_LOW = gettext_lazy(
    "The minimum number of score sheets per offer must be at least 1; leave the field empty to require a "
    "majority of the scoring members."
)
GROUNDS_EMPTY = gettext_lazy(
    "Give at least one ground for excluding a commission member, one per line "
    "(art. 24 of the Code of Administrative Procedure)."
)
GROUNDS_LOCKED = gettext_lazy(
    "The grounds for exclusion can no longer be changed: commission members have already made their "
    "declarations against the current list."
)
SCORING_DEADLINE_TOO_EARLY = gettext_lazy(
    "The scoring deadline must be after the submission deadline (%(deadline)s)."
)


def commission_frozen(state: str, *, stage: str) -> str | None:
    """`stage` is the stage's name as shown to the clerk."""
    if state in COMMISSION_STATES:
        return None
    return COMMISSION_FROZEN % {"stage": stage}


def single_function_violation(role: str, *, holder: str | None) -> str | None:
    """`holder`: the name of another member who already holds `role`, if any."""
    if holder is None:
        return None
    if role == CHAIR:
        return CHAIR_TAKEN % {"name": holder}
    if role == SECRETARY:
        return SECRETARY_TAKEN % {"name": holder}
    return None  # any number of ordinary members


def expert_chair_violation(role: str, kind: str) -> str | None:
    if role == CHAIR and kind == EXPERT:
        return str(EXPERT_CANNOT_CHAIR)
    return None


def already_member_violation(person: str, *, is_member: bool) -> str | None:
    return ALREADY_MEMBER % {"person": person} if is_member else None


def offeror_violation(person: str, organisations: Sequence[str]) -> str | None:
    """`organisations`: those the person is a member of that have an offer (past the draft) in the call."""
    names = [name for name in organisations if name]
    if not names:
        return None
    return OFFEROR_MEMBER % {"person": person, "organisations": "; ".join(names)}


def removal_violation(person: str, *, has_declarations: bool, has_sheets: bool) -> str | None:
    if has_declarations or has_sheets:
        return CANNOT_REMOVE % {"person": person}
    return None


def kind_change_violation(person: str, *, old_kind: str, new_kind: str, has_sheets: bool) -> str | None:
    """A member who has scored stays a scoring member."""
    if new_kind == EXPERT and old_kind != EXPERT and has_sheets:
        return EXPERT_WITH_SHEETS % {"person": person}
    return None


def min_sheets_violation(min_sheets: int | None) -> str | None:
    """Empty means a majority of the scoring members not excluded from the offer."""
    if min_sheets is not None and min_sheets < 1:
        return str(MIN_SHEETS_TOO_LOW)
    return None


def clean_grounds(lines: Sequence[str]) -> list[str]:
    """The grounds as stored: each line without surrounding spaces, empty lines left out."""
    return [str(line).strip() for line in lines if str(line).strip()]


def grounds_violation(grounds: Sequence[str]) -> str | None:
    return None if clean_grounds(grounds) else str(GROUNDS_EMPTY)


def grounds_change_violation(*, old: Sequence[str], new: Sequence[str], declarations_exist: bool) -> str | None:
    """Declarations name grounds by their position in the list, so the list is fixed once used."""
    if declarations_exist and clean_grounds(old) != clean_grounds(new):
        return str(GROUNDS_LOCKED)
    return None


def scoring_deadline_violation(scoring_deadline: datetime | None, submission_deadline: datetime) -> str | None:
    """Both moments are aware; the message shows the submission deadline in Warsaw time."""
    if scoring_deadline is None or scoring_deadline > submission_deadline:
        return None
    shown = timezone.localtime(submission_deadline).strftime("%d.%m.%Y %H:%M")
    return SCORING_DEADLINE_TOO_EARLY % {"deadline": shown}
