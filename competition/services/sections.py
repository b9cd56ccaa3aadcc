"""Edits of a call's announcement, section by section.

A draft is edited freely (its rules are checked in full when it is published). A
published call's rules change only through an amendment: the same edit, with a reason,
recorded with every changed value, and the whole call checked again before commit.
"""
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from competition import permissions, rules
from competition.models import (
    Action,
    Call,
    CallEvent,
    FormalCriterion,
    Indicator,
    RevitalisationProject,
    UrbanZone,
)
from competition.rules import CallDocumentError
from competition.selectors import call_document
from competition.services.calls import (
    AMENDABLE_STATES,
    BASIC_FIELDS,
    RULE_FIELDS,
    _event,
    _write_criterion_parts,
    _write_merit,
)

# --- editing and amending ------------------------------------------------------------------


def _recount_points(call: Call) -> None:
    from competition.selectors import merit_max_points

    call.max_points = sum(merit_max_points(c) for c in call.merit_criteria.prefetch_related("subcriteria", "steps"))
    call.save(update_fields=["max_points", "updated_at"])


@transaction.atomic
def _edit(*, call: Call, by, reason: str, mutate: Callable[[Call], None]) -> Call:
    """Apply `mutate` to a draft, or as a recorded amendment to a published call."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.state not in AMENDABLE_STATES:
        raise ValidationError(
            _("A call at the stage “%(state)s” can no longer be changed.") % {"state": call.get_state_display()}
        )
    amending = call.state == Call.State.PUBLISHED
    if amending and not (reason or "").strip():
        raise ValidationError(
            {"reason": _("Changing a published call requires a reason; it will be published with the change.")}
        )
    before = call_document(call)
    mutate(call)
    _recount_points(call)
    after = call_document(Call.objects.get(pk=call.pk))
    changes = rules.document_diff(before, after)
    if not changes:
        return call
    if amending:
        try:
            rules.parse_call_document(after)
        except CallDocumentError as exc:
            transaction.set_rollback(True)
            raise ValidationError([str(e) for e in exc.errors]) from None
        _event(call, CallEvent.Kind.AMENDED, by, reason=reason.strip(), changes=changes)
    else:
        _event(call, CallEvent.Kind.EDITED, by, reason=(reason or "").strip(), changes=changes)
    return call


def call_update_basics(*, call: Call, by, data: dict, reason: str = "") -> Call:
    moved_to = data.get("authority")
    problem = moved_to and moved_to.pk != call.authority_id and permissions.authority_problem(by, moved_to)
    if problem:
        raise ValidationError({"authority": problem})

    def mutate(c: Call):
        for key, value in data.items():
            if key in BASIC_FIELDS:
                setattr(c, key, value)
        c.full_clean()
        c.save()

    return _edit(call=call, by=by, reason=reason, mutate=mutate)


def call_set_rules(*, call: Call, by, data: dict, reason: str = "") -> Call:
    """The call's rules (the call document's `rules`: tie-break, minimum score, ...), keyed as the
    Call's fields. They are checked by the document's rules even in a draft, since nothing else
    on the draft's way to publication would name them; each error is keyed by its rule."""

    def mutate(c: Call):
        for key, value in data.items():
            if key in RULE_FIELDS:
                setattr(c, key, value)
        c.full_clean()
        c.save()
        errors: dict[str, list[str]] = {}
        for error in _document_errors(call_document(c)):
            segments = error.path.split(".")
            if segments[0] == "rules" and len(segments) > 1:
                errors.setdefault(segments[1].split("[")[0], []).append(error.message)
        if errors:
            raise ValidationError(errors)

    return _edit(call=call, by=by, reason=reason, mutate=mutate)


def _document_errors(document: dict) -> list:
    try:
        rules.parse_call_document(document)
    except CallDocumentError as exc:
        return exc.errors
    return []


def _sync(queryset, items: list[dict], *, key: str | None = None, create: Callable[[int, dict], object],
          fields: tuple[str, ...]):
    """Update the matching rows, create new ones, delete the rest, in the given order.

    With `key`, an item matches the row with its id (when it carries one) or with its key, so
    a renamed code keeps its row and what hangs on it. Without `key`, items match the rows
    in order: the first item overwrites the first row, and so on."""
    rows = list(queryset)
    matched = _match_by_key(rows, items, key) if key else _match_by_position(rows, items)
    kept = {obj.pk for _item, obj in matched if obj is not None}
    for obj in rows:
        if obj.pk not in kept:
            obj.delete()
    # two steps, so that codes can be swapped without breaking uniqueness on the way
    for _item, obj in matched:
        if obj is not None and key in fields:
            setattr(obj, key, f"~{obj.pk}")
            obj.save(update_fields=[key])
    return [_write_row(pos, item, obj, create=create, fields=fields) for pos, (item, obj) in enumerate(matched)]


def _match_by_key(rows: list, items: list[dict], key: str) -> list[tuple[dict, object]]:
    """(item, its row or None) per item; a row is matched once, by id first, then by key."""
    keys = [item[key] for item in items]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ValidationError(_("“%(name)s” is repeated") % {"name": ", ".join(map(str, repeated))})
    free = {obj.pk: obj for obj in rows}
    by_key = {getattr(obj, key): obj for obj in rows}
    matched = []
    for item in items:
        obj = free.get(item.get("id")) or by_key.get(item[key])
        if obj is not None and obj.pk in free:
            free.pop(obj.pk)
            matched.append((item, obj))
        else:
            matched.append((item, None))
    return matched


def _match_by_position(rows: list, items: list[dict]) -> list[tuple[dict, object]]:
    return [(item, rows[pos] if pos < len(rows) else None) for pos, item in enumerate(items)]


def _write_row(pos: int, item: dict, obj, *, create: Callable[[int, dict], object], fields: tuple[str, ...]):
    if obj is None:
        return create(pos, {k: v for k, v in item.items() if k != "id"})
    for f in fields:
        setattr(obj, f, item[f])
    obj.position = pos
    obj.save()
    return obj


def call_set_actions(*, call: Call, by, actions: list[dict], reason: str = "") -> Call:
    """`actions`: dicts with code, title, description, target_groups (text), budget."""

    def mutate(c: Call):
        _sync(
            c.actions.all(),
            actions,
            key="code",
            fields=("code", "title", "description", "target_groups", "budget"),
            create=lambda pos, a: Action.objects.create(call=c, position=pos, **a),
        )

    return _edit(call=call, by=by, reason=reason, mutate=mutate)


def call_set_indicators(*, call: Call, action: Action, by, indicators: list[dict], reason: str = "") -> Call:
    """`indicators`: dicts with name, unit, minimum and source (empty: declared by the offer), in order."""

    def mutate(c: Call):
        _sync(
            action.indicators.all(),
            [{"source": "", **ind} for ind in indicators],  # a row that names no source: declared
            fields=("name", "unit", "minimum", "source"),
            create=lambda pos, ind: Indicator.objects.create(action=action, position=pos, **ind),
        )

    return _edit(call=call, by=by, reason=reason, mutate=mutate)


def call_set_zones(*, call: Call, by, zones: list[str], reason: str = "") -> Call:
    def mutate(c: Call):
        _sync(
            c.zones.all(),
            [{"name": z} for z in zones],
            key="name",
            fields=("name",),
            create=lambda pos, z: UrbanZone.objects.create(call=c, position=pos, name=z["name"]),
        )

    return _edit(call=call, by=by, reason=reason, mutate=mutate)


def call_set_lpr_projects(*, call: Call, by, projects: list[dict], reason: str = "") -> Call:
    def mutate(c: Call):
        _sync(
            c.lpr_projects.all(),
            projects,
            key="code",
            fields=("name",),
            create=lambda pos, p: RevitalisationProject.objects.create(call=c, position=pos, **p),
        )

    return _edit(call=call, by=by, reason=reason, mutate=mutate)


def call_set_formal_criteria(*, call: Call, by, criteria: list[dict], reason: str = "") -> Call:
    """`criteria`: dicts with question and auto_check, in order."""

    def mutate(c: Call):
        _sync(
            c.formal_criteria.all(),
            criteria,
            fields=("question", "auto_check"),
            create=lambda pos, item: FormalCriterion.objects.create(call=c, position=pos, **item),
        )

    return _edit(call=call, by=by, reason=reason, mutate=mutate)


def call_set_merit_criteria(*, call: Call, by, criteria: list[dict], reason: str = "") -> Call:
    """`criteria`: dicts as in the call document (code, title, kind, source, member_confirms,
    subcriteria [{name, min, max}] or steps [{min_count, points, label}])."""

    def mutate(c: Call):
        def create(pos, item):
            _write_merit(c, [item], start=pos)

        existing = {m.code: m for m in c.merit_criteria.all()}
        for pos, item in enumerate(criteria):
            criterion = existing.pop(item["code"], None)
            if criterion is None:
                create(pos, item)
                continue
            criterion.position, criterion.title, criterion.kind = pos, item["title"], item["kind"]
            criterion.source, criterion.member_confirms = item.get("source", ""), item.get("member_confirms", False)
            criterion.save()
            criterion.subcriteria.all().delete()
            criterion.steps.all().delete()
            _write_criterion_parts(criterion, item)
        for criterion in existing.values():
            criterion.delete()

    return _edit(call=call, by=by, reason=reason, mutate=mutate)


