"""Writes to calls: create, import and copy a call, check it, move it through its stages.

Each public function is one atomic change with an audit row.
"""
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.permissions import CLERK
from authorities.services import authority_for_document, role_grant
from competition import permissions, rules, stages
from competition.models import (
    Action,
    Call,
    CallEvent,
    CommissionMember,
    FormalCriterion,
    Indicator,
    MeritCriterion,
    MeritSubcriterion,
    RevitalisationProject,
    ScaleStep,
    UrbanZone,
)
from competition.rules import CallDocumentError, FieldError
from competition.rules_dates import shift_text_dates
from competition.selectors import call_document
from competition.selectors_copy import call_stale_texts

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

# The rules of the call document's `rules` object, by the Call's field names (the same keys).
RULE_FIELDS = rules.RULE_KEYS

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
            Indicator(action=action, position=i, name=ind["name"], unit=ind["unit"], minimum=ind["minimum"],
                      source=ind.get("source") or "")
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
    problem = data.get("authority") and permissions.authority_problem(by, data["authority"])
    if problem:
        raise ValidationError({"authority": problem})
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
    authority, authority_created = _authority(doc["authority"], by)
    call = Call(
        slug=doc["slug"] or unique_slug(doc["title"]),
        max_points=doc["max_points"],
        authority=authority,
        **{key: doc[key] for key in BASIC_FIELDS if key not in (*rules.TEXT_FIELDS, "authority")},
        **doc["texts"],
        **doc["rules"],
    )
    try:
        call.full_clean()
    except ValidationError as exc:
        raise CallDocumentError(
            [FieldError(field, message) for field, messages in exc.message_dict.items() for message in messages]
        ) from None
    call.save()
    _write_structure(call, doc)
    defaults = rules.rule_defaults()
    applied = {f"rules.{key}": defaults[key] for key in rules.missing_rules(document)}
    reason = _("The document does not state these rules; their defaults were applied.") if applied else ""
    if authority_created:
        applied["authority"] = authority.slug
        reason = " ".join(filter(None, [reason, _("The document's authority was added to the portal.")]))
    _event(call, CallEvent.Kind.IMPORTED, by, reason=reason, changes=applied)
    return call


def _authority(data: dict, by):
    """The stored authority a document names (its clerks only import into it), or a new one made
    from it, whose clerk the importing clerk becomes; its errors are the document's."""
    try:
        authority, created = authority_for_document(data=data)
    except ValidationError as exc:
        raise CallDocumentError([FieldError(f"authority.{field}", message)
                                 for field, messages in exc.message_dict.items() for message in messages]) from None
    if created and by is not None and not by.is_superuser:
        role_grant(authority=authority, user=by, role=CLERK, by=by)
    problem = permissions.authority_problem(by, authority)
    if problem:
        raise CallDocumentError([FieldError("authority.slug", problem)])
    return authority, created


# What a copy does not carry: its identity, its stage and what happened to the old call.
NOT_COPIED = ("id", "slug", "state", "published_at", "results_published_at", "copied_from", "created_at",
              "updated_at")
# The copy moves these by the years it is copied over (the commission's order and deadline included).
MOVED_DATES = ("announcement_date", "submission_start", "submission_deadline", "confirmation_deadline",
               "decision_date", "realisation_start", "realisation_end", "commission_order_date", "scoring_deadline")


@transaction.atomic
def call_copy(*, call: Call, by, years: int = 1) -> Call:
    """A new draft with every setting of the call (its rules, the commission and the decision's), every
    date moved by `years` (last year's call → this year's). The texts are copied as written: the event
    and the clerk's page list each one that still names a date or a year of the old call."""
    shift = relativedelta(years=years)
    copy = Call(**{f.attname: getattr(call, f.attname) for f in Call._meta.concrete_fields
                   if f.name not in NOT_COPIED})
    copy.copied_from, copy.state = call, Call.State.DRAFT
    for key in MOVED_DATES:
        value = getattr(call, key)
        setattr(copy, key, value + shift if value else value)
    copy.slug = unique_slug(f"{call.slug}-{years}" if years else f"{call.slug}-kopia")
    copy.save()
    _write_structure(copy, call_document(call))
    seats = list(call.commission.select_related("user"))
    CommissionMember.objects.bulk_create(
        CommissionMember(call=copy, user_id=m.user_id, role=m.role, kind=m.kind) for m in seats)
    stale = {row["label"]: ", ".join(row["found"]) for row in call_stale_texts(copy)}
    reason = _("copy of the call “%(title)s”") % {"title": call.title}
    if stale:
        reason += "; " + ngettext("%(n)s text still names a date or a year of the old call",
                                 "%(n)s texts still name a date or a year of the old call", len(stale)) % {"n": len(stale)}
    commission = {"commission": "; ".join(str(m) for m in seats)} if seats else {}
    _event(copy, CallEvent.Kind.COPIED, by, reason=reason, changes={"source": call.slug, **commission, **stale})
    return copy


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


@transaction.atomic
def call_warn(*, call: Call, by, reason: str, changes: dict | None = None, now: datetime | None = None) -> CallEvent:
    """Record in the call's history something allowed but against what the call announced (e.g. a
    decision after the announced date): the clerk sees it on the call and the decision pages."""
    return CallEvent.objects.create(call=call, kind=CallEvent.Kind.WARNING, by=by, at=now or _now(),
                                    reason=reason, changes=changes or {})


def call_publish(*, call: Call, by, now: datetime | None = None) -> Call:
    return call_transition(call=call, to=Call.State.PUBLISHED, by=by, now=now)


def shift_dates(doc: dict, delta: timedelta) -> dict:
    """A call document with every date and moment moved by `delta` (used by the demo), and the dates
    its texts write of the call itself (its period, "w 2019 r.") moved with them, so the texts
    agree with the dates; a cited law keeps its date (`rules_dates.shift_text_dates`)."""
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
    if doc.get("announcement_date") and doc.get("realisation_end"):
        period = (date.fromisoformat(doc["announcement_date"]), date.fromisoformat(doc["realisation_end"]))
        shifted.update(_shifted_texts(doc, delta, period))
    return shifted


def _shifted_texts(doc: dict, delta: timedelta, period: tuple[date, date]) -> dict:
    """The document's texts with the dates of the call itself moved (`shift_dates`)."""
    def text(value):
        return shift_text_dates(value, delta, period=period) if isinstance(value, str) else value

    out = {key: text(doc.get(key)) for key in ("title", "public_task_type", "confirmation_address") if key in doc}
    if isinstance(doc.get("texts"), dict):
        out["texts"] = {key: text(value) for key, value in doc["texts"].items()}
    if isinstance(doc.get("actions"), list):
        out["actions"] = [{**a, "title": text(a.get("title")), "description": text(a.get("description"))}
                          if isinstance(a, dict) else a for a in doc["actions"]]
    return out


def call_move(*, call: Call, to: str, by) -> Call:
    """Move a call to the stage `to` as the clerk's screen does: through the handler that the
    stage's app registered (the formal check opens and settles the offers' sheets), or else
    by a plain transition."""
    enter = stages.stage_entry(to)
    if enter is not None:
        return enter(call=call, by=by)
    return call_transition(call=call, to=to, by=by)
