"""Reads of calls. Views never query models directly; they come here."""
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from authorities.selectors import authority_document
from competition import permissions
from competition.filters import with_phase
from competition.models import Action, Call, CallEvent, MeritCriterion
from competition.rules import FORMAT, RULE_KEYS, TEXT_FIELDS, WARSAW


def _with_structure(qs: QuerySet) -> QuerySet:
    return qs.prefetch_related(
        Prefetch("actions", queryset=Action.objects.prefetch_related("indicators")),
        "zones",
        "lpr_projects",
        "formal_criteria",
        Prefetch("merit_criteria", queryset=MeritCriterion.objects.prefetch_related("subcriteria", "steps")),
    )


def call_list_public(*, now=None) -> dict[str, list[Call]]:
    """Public calls grouped as the home page shows them: open, upcoming, closed."""
    now = now or timezone.now()
    groups = group_by_phase(Call.objects.public().select_related("authority").prefetch_related("actions").order_by("submission_deadline"), now)
    groups["closed"].sort(key=lambda c: c.submission_deadline, reverse=True)
    return groups


def call_list_for_public_page(*, now) -> QuerySet:
    """The public calls for the home page's list to filter, sort and page (`competition.filters`)."""
    return with_phase(Call.objects.public().select_related("authority").prefetch_related("actions"), now)


def group_by_phase(calls, now) -> dict[str, list[Call]]:
    """`calls` in their order, split into open, upcoming and closed at `now`."""
    groups: dict[str, list[Call]] = {"open": [], "upcoming": [], "closed": []}
    for call in calls:
        if call.is_open_for_submission(now):
            groups["open"].append(call)
        elif call.state == Call.State.PUBLISHED and call.submission_deadline > now:
            groups["upcoming"].append(call)
        else:
            groups["closed"].append(call)
    return groups


def call_get_public(*, slug: str, authority=None) -> Call:
    """A public call; under an authority's address (`authority` given) a call of another one is 404."""
    calls = Call.objects.public() if authority is None else Call.objects.public().filter(authority=authority)
    try:
        return _with_structure(calls.select_related("authority")).get(slug=slug)
    except Call.DoesNotExist:
        raise Http404 from None


def call_get_for_clerk(*, slug: str, user) -> Call:
    """The call with its structure; 404 when there is none or (given `user`) when it belongs to
    an authority the user is no clerk of: nobody learns that another authority's call exists.
    `user=None`: the installation itself (management commands), any call."""
    calls = Call.objects.select_related("authority")
    if user is not None:
        calls = permissions.calls_managed_by(user, calls)
    try:
        return _with_structure(calls).get(slug=slug)
    except Call.DoesNotExist:
        raise Http404 from None


def call_list_for_clerk(user) -> QuerySet:
    """The calls of the authorities where the user is a clerk (all for administrators)."""
    calls = Call.objects.select_related("authority").prefetch_related("actions")
    return permissions.calls_managed_by(user, calls).order_by("-announcement_date", "title")


def call_public_events(call: Call) -> list[CallEvent]:
    """Amendments and stage changes: what the public is entitled to see of a call's history."""
    return [e for e in call.events.select_related("by").all() if e.is_public]


def call_events(call: Call) -> QuerySet:
    return call.events.select_related("by").order_by("-at", "-pk")


def call_warnings(call: Call) -> list[CallEvent]:
    """The warnings recorded in the call's history (e.g. a decision after the announced date), oldest first."""
    return list(call.events.filter(kind=CallEvent.Kind.WARNING).order_by("at", "pk"))


def call_total_budget(call: Call) -> Decimal:
    return sum((a.budget for a in call.actions.all()), Decimal("0.00"))


def _moment(value) -> str:
    return value.astimezone(WARSAW).isoformat()


def call_document(call: Call) -> dict:
    """The call as a JSON-ready document (docs/call-format.md); used by export, copy and checks."""
    return {
        "format": FORMAT,
        "slug": call.slug,
        "title": call.title,
        "authority": authority_document(call.authority),
        "public_task_type": call.public_task_type,
        "legal_basis": call.legal_basis,
        "order_number": call.order_number,
        "announcement_date": call.announcement_date.isoformat() if call.announcement_date else None,
        "submission_start": _moment(call.submission_start) if call.submission_start else None,
        "submission_deadline": _moment(call.submission_deadline) if call.submission_deadline else None,
        "confirmation_deadline": _moment(call.confirmation_deadline) if call.confirmation_deadline else None,
        "confirmation_address": call.confirmation_address,
        "decision_date": call.decision_date.isoformat() if call.decision_date else None,
        "realisation_start": call.realisation_start.isoformat() if call.realisation_start else None,
        "realisation_end": call.realisation_end.isoformat() if call.realisation_end else None,
        "eligible_entity_types": list(call.eligible_entity_types),
        "min_actions": call.min_actions,
        "max_grant_share": str(call.max_grant_share),
        "max_admin_share": str(call.max_admin_share),
        "max_points": call.max_points,
        "report_days": call.report_days,
        "cost_shift_limit": str(call.cost_shift_limit),
        "result_change_limit": str(call.result_change_limit),
        "required_attachments": list(call.required_attachments),
        "texts": {key: getattr(call, key) for key in TEXT_FIELDS},
        "rules": call_rules_document(call),
        "actions": [
            {
                "code": a.code,
                "title": a.title,
                "description": a.description,
                "target_groups": a.target_group_list(),
                "budget": str(a.budget),
                "indicators": [
                    {"name": i.name, "unit": i.unit, "minimum": _plain(i.minimum), **({"source": i.source} if i.source else {})}
                    for i in a.indicators.all()
                ],
            }
            for a in call.actions.all()
        ],
        "zones": [z.name for z in call.zones.all()],
        "lpr_projects": [{"code": p.code, "name": p.name} for p in call.lpr_projects.all()],
        "formal_criteria": [{"question": c.question, "auto_check": c.auto_check or None} for c in call.formal_criteria.all()],
        "merit_criteria": [_merit_document(c) for c in call.merit_criteria.all()],
    }


def call_rules_document(call: Call) -> dict:
    """The call's `rules` object (docs/call-format.md, "Rules"), every key written out."""
    values = {key: getattr(call, key) for key in RULE_KEYS}
    values["tie_break_criterion"] = call.tie_break_criterion or None if call.tie_break == "criterion" else None
    if call.min_recommended_score is not None:
        values["min_recommended_score"] = str(call.min_recommended_score)
    values["impartiality_grounds"] = list(call.impartiality_grounds or [])
    values["required_statements"] = list(call.required_statements or [])
    return values


def _plain(value: Decimal) -> str:
    """Indicator minimums are counts: 100.00 exports as "100", 2.50 as "2.5"."""
    normalized = value.normalize()
    return format(normalized, "f")


def _merit_document(c: MeritCriterion) -> dict:
    doc = {"code": c.code, "title": c.title, "kind": c.kind}
    if c.kind == MeritCriterion.Kind.SCALE:
        doc["source"] = c.source
        doc["member_confirms"] = c.member_confirms
        doc["steps"] = [{"min_count": s.min_count, "points": s.points, "label": s.label} for s in c.steps.all()]
    else:
        doc["subcriteria"] = [{"name": s.name, "min": s.min_points, "max": s.max_points} for s in c.subcriteria.all()]
    return doc


def merit_max_points(criterion: MeritCriterion) -> int:
    if criterion.kind == MeritCriterion.Kind.SCALE:
        return max((s.points for s in criterion.steps.all()), default=0)
    return sum(s.max_points for s in criterion.subcriteria.all())


# --- a call's history, as the clerk's history page shows it ----------------------------------


def _shown(value) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return str(value)


def _change_rows(changes: dict) -> list[tuple[str, str, str]]:
    """(path, old, new) per changed value; a note such as a copy's source shows as new only.

    A list that only changed shape (empty before, rows of its own after) reads "—" on both
    sides; its rows are listed one by one, so the line is left out.
    """
    rows = []
    for path, value in changes.items():
        if isinstance(value, list) and len(value) == 2:
            old, new = _shown(value[0]), _shown(value[1])
            if old != new:
                rows.append((path, old, new))
        else:
            rows.append((path, "", _shown(value)))
    return rows


def state_label(state: str) -> str:
    """The translated name of a stage; an unknown code (a stage since removed) shows as stored."""
    return Call.State(state).label if state in Call.State.values else state


def call_history(call: Call) -> list[dict]:
    """Each event of the call with its stages named and its changes as (path, old, new) rows."""
    return [
        {
            "event": event,
            "from_state": state_label(event.from_state) if event.from_state else "",
            "to_state": state_label(event.to_state) if event.to_state else "",
            "changes": _change_rows(event.changes or {}),
        }
        for event in call_events(call)
    ]
