"""Writes to a call's commission (art. 15 of the Act), and the reads its page needs.

Each write is one atomic change: the call's row is locked (so two clerks cannot both
appoint a chair), the rules of `competition.rules_commission` are checked on facts read
here, and one `CallEvent` of kind COMMISSION records who changed what ({path: [old, new]}).
A write that changes nothing records nothing. A broken rule raises ValidationError, keyed
by the field at fault where there is one.
"""
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy

from competition import rules_commission as rules
from competition.models import Call, CallEvent, CommissionMember
from competition.registry import commission_fact

# What the settings form edits, by the Call's field names (the keys of errors and changes).
SETTINGS_FIELDS = (
    "commission_order_number",
    "commission_order_date",
    "scoring_deadline",
)
# Rules of the merit evaluation that the call's announcement states (the call document's `rules`):
# they change with the call's rules (`services.call_set_rules`), recorded as an amendment once the
# call is published, never from the commission's page.
ANNOUNCED_RULES = ("show_other_sheets", "min_sheets", "impartiality_grounds")
RULE_OF_THE_CALL = gettext_lazy(
    "This is a rule of the call, stated in its announcement: it is changed with the call's rules (freely in a "
    "draft, by a recorded amendment while the call is published), not on the commission's page."
)
KEEP = object()  # a rule not passed keeps the call's value


# --- helpers -------------------------------------------------------------------------------


def _person(user) -> str:
    return f"{user.full_name} ({user.email})" if user.full_name else user.email


def _lock(call: Call) -> Call:
    """The call's row, locked, and refused if the commission can no longer change."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    message = rules.commission_frozen(call.state, stage=call.get_state_display())
    if message:
        raise ValidationError(message)
    return call


def _collect(errors: dict[str, list[str]], field: str, message: str | None) -> None:
    if message:
        errors.setdefault(field, []).append(str(message))


def _raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _json(value):
    """A value as the event's JSON keeps it: dates in ISO, moments in Warsaw time."""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _record(call: Call, *, by, now: datetime | None, changes: dict, reason: str) -> CallEvent:
    return CallEvent.objects.create(
        call=call, kind=CallEvent.Kind.COMMISSION, by=by, at=now or timezone.now(), changes=changes, reason=reason
    )


def _seat_path(user, name: str) -> str:
    return f"commission[{user.email}].{name}"


def _offeror_memberships(call: Call, users):
    """(user id, organisation name) of the users' organisations that lead or join an offer in the
    call (past the draft); read by offers (`competition.registry`)."""
    return commission_fact("offeror_memberships")(call, users)


def _function_errors(call: Call, *, role: str, kind: str, seat: CommissionMember | None) -> dict[str, list[str]]:
    """One chair, one secretary, no expert in the chair."""
    errors: dict[str, list[str]] = {}
    holder = None
    if role in (rules.CHAIR, rules.SECRETARY):
        others = call.commission.filter(role=role).select_related("user")
        if seat is not None:
            others = others.exclude(pk=seat.pk)
        other = others.first()
        holder = _person(other.user) if other else None
    _collect(errors, "role", rules.single_function_violation(role, holder=holder))
    _collect(errors, "role", rules.expert_chair_violation(role, kind))
    return errors


# --- members -------------------------------------------------------------------------------


@transaction.atomic
def commission_member_add(
    *, call: Call, user, role: str, kind: str, by, now: datetime | None = None, reason: str = ""
) -> CommissionMember:
    """Appoint `user` to the call's commission with a function and a kind."""
    call = _lock(call)
    person = _person(user)
    errors = _function_errors(call, role=role, kind=kind, seat=None)
    is_member = call.commission.filter(user=user).exists()
    _collect(errors, "user", rules.already_member_violation(person, is_member=is_member))
    organisations = [name for _, name in _offeror_memberships(call, [user])]
    _collect(errors, "user", rules.offeror_violation(person, organisations))
    _raise(errors)
    seat = CommissionMember(call=call, user=user, role=role, kind=kind)
    seat.full_clean()
    seat.save()
    changes = {_seat_path(user, "role"): [None, role], _seat_path(user, "kind"): [None, kind]}
    _record(call, by=by, now=now, changes=changes, reason=reason)
    return seat


@transaction.atomic
def commission_member_update(
    *, seat: CommissionMember, role: str, kind: str, by, now: datetime | None = None, reason: str = ""
) -> CommissionMember:
    """Change a member's function (member, chair, secretary) or kind (city, NGO, expert)."""
    call = _lock(seat.call)
    seat = CommissionMember.objects.select_related("user").get(pk=seat.pk, call=call)
    errors = _function_errors(call, role=role, kind=kind, seat=seat)
    message = rules.kind_change_violation(
        _person(seat.user), old_kind=seat.kind, new_kind=kind, has_sheets=seat.sheets.exists()
    )
    _collect(errors, "kind", message)
    _raise(errors)
    changes = {
        _seat_path(seat.user, name): [getattr(seat, name), value]
        for name, value in (("role", role), ("kind", kind))
        if getattr(seat, name) != value
    }
    if not changes:
        return seat
    seat.role, seat.kind = role, kind
    seat.full_clean()
    seat.save(update_fields=["role", "kind"])
    _record(call, by=by, now=now, changes=changes, reason=reason)
    return seat


@transaction.atomic
def commission_member_remove(*, seat: CommissionMember, by, now: datetime | None = None, reason: str = "") -> None:
    """Take a member off the commission, unless they have already declared or scored."""
    call = _lock(seat.call)
    seat = CommissionMember.objects.select_related("user").get(pk=seat.pk, call=call)
    message = rules.removal_violation(
        _person(seat.user), has_declarations=seat.declarations.exists(), has_sheets=seat.sheets.exists()
    )
    if message:
        raise ValidationError(message)
    changes = {_seat_path(seat.user, "role"): [seat.role, None], _seat_path(seat.user, "kind"): [seat.kind, None]}
    seat.delete()
    _record(call, by=by, now=now, changes=changes, reason=reason)


# --- settings ------------------------------------------------------------------------------


def _settings_errors(call: Call, values: dict, announced: dict) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name, value in announced.items():
        if value is not KEEP and value != getattr(call, name):
            _collect(errors, name, str(RULE_OF_THE_CALL))
    _collect(errors, "scoring_deadline",
             rules.scoring_deadline_violation(values["scoring_deadline"], call.submission_deadline))
    return errors


@transaction.atomic
def commission_settings_set(
    *,
    call: Call,
    by,
    order_number: str,
    order_date: date | None,
    scoring_deadline: datetime | None,
    show_other_sheets=KEEP,
    min_sheets=KEEP,
    impartiality_grounds=KEEP,
    now: datetime | None = None,
    reason: str = "",
) -> Call:
    """The order appointing the commission and its scoring deadline. The rules of the merit
    evaluation (`ANNOUNCED_RULES`) may be passed only with the call's own values: they are
    changed with the call's rules, and a different value here is refused on its field."""
    call = _lock(call)
    values = {
        "commission_order_number": (order_number or "").strip(),
        "commission_order_date": order_date,
        "scoring_deadline": scoring_deadline,
    }
    announced = {"show_other_sheets": show_other_sheets, "min_sheets": min_sheets,
                 "impartiality_grounds": impartiality_grounds if impartiality_grounds is KEEP
                 else rules.clean_grounds(impartiality_grounds or [])}
    _raise(_settings_errors(call, values, announced))
    changes = {
        name: [_json(getattr(call, name)), _json(value)]
        for name, value in values.items()
        if getattr(call, name) != value
    }
    if not changes:
        return call
    for name in changes:
        setattr(call, name, values[name])
    call.clean_fields(exclude=[f.name for f in Call._meta.fields if f.name not in changes])
    call.save(update_fields=[*changes, "updated_at"])
    _record(call, by=by, now=now, changes=changes, reason=reason)
    return call


# --- reads for the commission page ------------------------------------------------------------


def commission_seats(call: Call) -> list[CommissionMember]:
    """The members, chair and secretary first, each with `has_declarations`, `has_sheets` and
    `offerors` (their organisations taking part in the call: they should not sit on it)."""
    order = Case(
        When(role=rules.CHAIR, then=Value(0)), When(role=rules.SECRETARY, then=Value(1)),
        default=Value(2), output_field=IntegerField(),
    )
    seats = list(
        call.commission.select_related("user")
        .annotate(**commission_fact("seat_activity")(), function_order=order)
        .order_by("function_order", "user__full_name", "user__email")
    )
    offerors: dict[int, list[str]] = {}
    for user_id, name in _offeror_memberships(call, [seat.user_id for seat in seats]):
        offerors.setdefault(user_id, []).append(name)
    for seat in seats:
        seat.offerors = offerors.get(seat.user_id, [])
        seat.offeror_warning = rules.offeror_violation(_person(seat.user), seat.offerors)
    return seats


def commission_seat_get(*, call: Call, seat_pk) -> CommissionMember:
    """A seat of this call's commission; 404 for anything else (another call's seat, junk)."""
    try:
        return call.commission.select_related("user").get(pk=int(seat_pk))
    except (CommissionMember.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
