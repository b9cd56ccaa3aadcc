"""Writes to calls. Each public function is one atomic change with an audit row.

A draft is edited freely (its rules are checked in full when it is published). A
published call's rules change only through an amendment: the same edit, with a reason,
recorded with every changed value, and the whole call checked again before commit.
"""
from collections.abc import Callable
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from competition import rules
from competition.models import (
    Action,
    Call,
    CallEvent,
    FormalCriterion,
    Indicator,
    MeritCriterion,
    MeritSubcriterion,
    RevitalisationProject,
    ScaleStep,
    UrbanZone,
)
from competition.rules import CallDocumentError, FieldError
from competition.selectors import call_document

BASIC_FIELDS = (
    "title",
    "authority",
    "public_task_type",
    "legal_basis",
    "order_number",
    "announcement_date",
    "submission_start",
    "submission_deadline",
    "confirmation_deadline",
    "confirmation_address",
    "decision_date",
    "realisation_start",
    "realisation_end",
    "eligible_entity_types",
    "min_actions",
    "max_grant_share",
    "max_admin_share",
    "report_days",
    "cost_shift_limit",
    "result_change_limit",
    "required_attachments",
    *rules.TEXT_FIELDS,
)

AMENDABLE_STATES = (Call.State.DRAFT, Call.State.PUBLISHED)


def _now() -> datetime:
    return timezone.now()


def _event(call: Call, kind: str, by, **extra) -> CallEvent:
    return CallEvent.objects.create(call=call, kind=kind, by=by, at=_now(), **extra)


POLISH_LETTERS = str.maketrans("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ", "acelnoszzACELNOSZZ")


def unique_slug(base: str, *, exclude_pk=None) -> str:
    base = slugify(base.translate(POLISH_LETTERS))[:70].strip("-") or "konkurs"
    slug, n = base, 1
    qs = Call.objects.exclude(pk=exclude_pk) if exclude_pk else Call.objects.all()
    while qs.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


# --- creating ------------------------------------------------------------------------------


def _write_structure(call: Call, doc: dict) -> None:
    """Create the children of a new call from a parsed document."""
    for pos, a in enumerate(doc["actions"]):
        action = Action.objects.create(
            call=call,
            position=pos,
            code=a["code"],
            title=a["title"],
            description=a["description"],
            target_groups="\n".join(a["target_groups"]),
            budget=a["budget"],
        )
        Indicator.objects.bulk_create(
            Indicator(action=action, position=i, name=ind["name"], unit=ind["unit"], minimum=ind["minimum"])
            for i, ind in enumerate(a["indicators"])
        )
    UrbanZone.objects.bulk_create(UrbanZone(call=call, position=i, name=n) for i, n in enumerate(doc["zones"]))
    RevitalisationProject.objects.bulk_create(
        RevitalisationProject(call=call, position=i, code=p["code"], name=p["name"])
        for i, p in enumerate(doc["lpr_projects"])
    )
    FormalCriterion.objects.bulk_create(
        FormalCriterion(call=call, position=i, question=c["question"], auto_check=c["auto_check"] or "")
        for i, c in enumerate(doc["formal_criteria"])
    )
    _write_merit(call, doc["merit_criteria"])


def _write_merit(call: Call, criteria: list[dict], *, start: int = 0) -> None:
    for pos, c in enumerate(criteria, start=start):
        criterion = MeritCriterion.objects.create(
            call=call,
            position=pos,
            code=c["code"],
            title=c["title"],
            kind=c["kind"],
            source=c.get("source", ""),
            member_confirms=c.get("member_confirms", False),
        )
        _write_criterion_parts(criterion, c)


def _write_criterion_parts(criterion: MeritCriterion, c: dict) -> None:
    MeritSubcriterion.objects.bulk_create(
        MeritSubcriterion(criterion=criterion, position=i, name=s["name"], min_points=s["min"], max_points=s["max"])
        for i, s in enumerate(c.get("subcriteria") or [])
    )
    ScaleStep.objects.bulk_create(
        ScaleStep(criterion=criterion, min_count=s["min_count"], points=s["points"], label=s.get("label", ""))
        for s in c.get("steps") or []
    )


@transaction.atomic
def call_create(*, data: dict, by) -> Call:
    """A new draft from the basic fields; the clerk adds actions and criteria afterwards."""
    call = Call(**{k: v for k, v in data.items() if k in BASIC_FIELDS})
    call.slug = unique_slug(data.get("slug") or data["title"])
    call.full_clean()
    call.save()
    _event(call, CallEvent.Kind.CREATED, by)
    return call


@transaction.atomic
def call_import(*, document: dict, by=None) -> Call:
    """Create a draft from a call document; any error names its field and nothing is written."""
    doc = rules.parse_call_document(document)
    if doc["slug"] and Call.objects.filter(slug=doc["slug"]).exists():
        raise CallDocumentError([FieldError("slug", _("a call with the identifier “%(slug)s” already exists") % {"slug": doc["slug"]})])
    call = Call(
        slug=doc["slug"] or unique_slug(doc["title"]),
        max_points=doc["max_points"],
        **{key: doc[key] for key in BASIC_FIELDS if key not in rules.TEXT_FIELDS},
        **doc["texts"],
    )
    try:
        call.full_clean()
    except ValidationError as exc:
        raise CallDocumentError(
            [FieldError(field, message) for field, messages in exc.message_dict.items() for message in messages]
        ) from None
    call.save()
    _write_structure(call, doc)
    _event(call, CallEvent.Kind.IMPORTED, by)
    return call


@transaction.atomic
def call_copy(*, call: Call, by, years: int = 1) -> Call:
    """A new draft with the same rules, every date moved by `years` (last year's call → this year's)."""
    shift = relativedelta(years=years)

    def moved(value):
        return value + shift if value else value

    copy = Call(
        **{key: getattr(call, key) for key in BASIC_FIELDS},
        max_points=call.max_points,
        copied_from=call,
        state=Call.State.DRAFT,
    )
    for key in ("announcement_date", "submission_start", "submission_deadline", "confirmation_deadline",
                "decision_date", "realisation_start", "realisation_end"):
        setattr(copy, key, moved(getattr(call, key)))
    copy.slug = unique_slug(f"{call.slug}-{years}" if years else f"{call.slug}-kopia")
    copy.save()
    _write_structure(copy, call_document(call))
    _event(copy, CallEvent.Kind.COPIED, by, reason=_("copy of the call “%(title)s”") % {"title": call.title},
           changes={"source": call.slug})
    return copy


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
    def mutate(c: Call):
        for key, value in data.items():
            if key in BASIC_FIELDS:
                setattr(c, key, value)
        c.full_clean()
        c.save()

    return _edit(call=call, by=by, reason=reason, mutate=mutate)


def _sync(queryset, items: list[dict], *, key: str, create: Callable[[int, dict], object], fields: tuple[str, ...]):
    """Update rows matched by id (when the item carries one) or by `key`, create new ones,
    delete the rest, in the given order. A renamed code keeps its row and what hangs on it."""
    keys = [item[key] for item in items]
    repeated = sorted({k for k in keys if keys.count(k) > 1})
    if repeated:
        raise ValidationError(_("“%(name)s” is repeated") % {"name": ", ".join(map(str, repeated))})
    rows = {obj.pk: obj for obj in queryset}
    by_key = {getattr(obj, key): obj for obj in rows.values()}
    matched = []
    for item in items:
        obj = rows.get(item.get("id")) or by_key.get(item[key])
        if obj is not None and obj.pk in rows:
            rows.pop(obj.pk)
            matched.append((item, obj))
        else:
            matched.append((item, None))
    for obj in rows.values():
        obj.delete()
    # two steps, so that codes can be swapped without breaking uniqueness on the way
    for _item, obj in matched:
        if obj is not None and key in fields:
            setattr(obj, key, f"~{obj.pk}")
            obj.save(update_fields=[key])
    kept = []
    for pos, (item, obj) in enumerate(matched):
        if obj is None:
            obj = create(pos, {k: v for k, v in item.items() if k != "id"})
        else:
            for f in fields:
                setattr(obj, f, item[f])
            obj.position = pos
            obj.save()
        kept.append(obj)
    return kept


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
    """`indicators`: dicts with name, unit, minimum, in order."""

    def mutate(c: Call):
        rows = list(action.indicators.all())
        for pos, ind in enumerate(indicators):
            if pos < len(rows):
                row = rows[pos]
                row.name, row.unit, row.minimum = ind["name"], ind["unit"], ind["minimum"]
                row.save()
            else:
                Indicator.objects.create(action=action, position=pos, **ind)
        for row in rows[len(indicators):]:
            row.delete()

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
        rows = list(c.formal_criteria.all())
        for pos, item in enumerate(criteria):
            if pos < len(rows):
                rows[pos].question, rows[pos].auto_check = item["question"], item["auto_check"]
                rows[pos].save()
            else:
                FormalCriterion.objects.create(call=c, position=pos, **item)
        for row in rows[len(criteria):]:
            row.delete()

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


# --- stages --------------------------------------------------------------------------------


def call_validate(call: Call, *, today: date | None = None) -> list[FieldError]:
    """Every reason the call cannot be published now (empty when it can)."""
    try:
        doc = rules.parse_call_document(call_document(call))
    except CallDocumentError as exc:
        return exc.errors
    if call.state != Call.State.DRAFT:
        return []
    return rules.publication_errors(doc, today=today or timezone.localdate())


@transaction.atomic
def call_transition(*, call: Call, to: str, by, reason: str = "", now: datetime | None = None) -> Call:
    """Move a call to the next stage, if the transition table allows it, with an audit row.

    `now` exists for back-dated data (the demo, tests); the screens never pass it."""
    now = now or _now()
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not rules.can_transition(call.state, to):
        raise ValidationError(
            _("The call cannot move from the stage “%(from)s” to “%(to)s”.")
            % {"from": call.get_state_display(), "to": dict(Call.State.choices).get(to, to)}
        )
    if to == Call.State.PUBLISHED:
        errors = call_validate(call, today=timezone.localdate(now))
        if errors:
            raise ValidationError([str(e) for e in errors])
        call.published_at = now
    if to == Call.State.ANNULLED and not reason.strip():
        raise ValidationError(_("Give the reason for the annulment; it is published."))
    if to == Call.State.SUBMISSION_CLOSED and now < call.submission_deadline:
        raise ValidationError(
            _("Submissions cannot be closed before the submission deadline (%(deadline)s).")
            % {"deadline": timezone.localtime(call.submission_deadline).strftime("%d.%m.%Y %H:%M")}
        )
    previous = call.state
    call.state = to
    call.save(update_fields=["state", "published_at", "updated_at"])
    CallEvent.objects.create(call=call, kind=CallEvent.Kind.TRANSITION, by=by, at=now, from_state=previous,
                             to_state=to, reason=reason)
    return call


def call_publish(*, call: Call, by, now: datetime | None = None) -> Call:
    return call_transition(call=call, to=Call.State.PUBLISHED, by=by, now=now)


def shift_dates(doc: dict, delta: timedelta) -> dict:
    """A call document with every date and moment moved by `delta` (used by the demo)."""
    shifted = dict(doc)
    for key in ("announcement_date", "decision_date", "realisation_start", "realisation_end"):
        if shifted.get(key):
            shifted[key] = (date.fromisoformat(shifted[key]) + delta).isoformat()
    for key in ("submission_start", "submission_deadline", "confirmation_deadline"):
        if shifted.get(key):
            moment = datetime.fromisoformat(shifted[key])
            if moment.tzinfo is not None:
                moment = moment.astimezone(rules.WARSAW)
            naive = moment.replace(tzinfo=None) + delta  # keep the wall-clock time in Warsaw
            shifted[key] = naive.isoformat()
    return shifted
