"""The audit trail of one offer, for clerks: every recorded change of the offer, its cost
items, its formal sheet, its score sheets and points (once the commission has closed) and its
grants — who, when, which field, old → new (django-simple-history; docs/audit.md)."""
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import timezone as dt_timezone
from decimal import Decimal

from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from awards.models import Decision, Grant
from competition.models import Call
from core.money import format_amount
from evaluation.models import CriterionScore, FormalSheet, ScoreSheet
from offers.models import CostItem, Offer
from signatures.models import SignatureEvent

NOISE = {"updated_at", "revision", "history_change_reason"}  # bookkeeping, not content
LIMIT = 500  # the most recent records shown


@dataclass
class Change:
    at: datetime
    who: object
    what: str
    kind: str            # "+" created, "~" changed, "-" deleted
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (label, old, new)


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a field that no longer exists keeps its name
        return name


def _text(value) -> str:
    return "—" if value in (None, "") else str(value)


def _field(model, name: str):
    try:
        return model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a field that no longer exists
        return None


def _shown(model, name: str, value, related: dict) -> str:
    """A recorded value as a person reads it: the label of a choice, yes / no, a Warsaw date and
    time to the minute, an amount the Polish way, the name of a related object — not the stored
    code, "True", a UTC timestamp or an id."""
    if value in (None, ""):
        return "—"
    found = _field(model, name)
    if found is None:
        return str(value)
    if found.choices:
        return str(dict(found.flatchoices).get(value, value))
    if isinstance(found, models.BooleanField):
        return str(_("yes") if value else _("no"))
    if isinstance(found, models.DateTimeField):
        return _moment(value)
    if isinstance(found, models.DateField):
        day = value if isinstance(value, date) else parse_date(str(value))
        return date_format(day, "j E Y") if day else str(value)
    if isinstance(found, models.DecimalField):
        return format_amount(Decimal(str(value)))
    if isinstance(found, models.ForeignKey):
        return _related(found, value, related)
    return str(value)


def _moment(value) -> str:
    """A date and time in Warsaw time to the minute (a stored text parsed; a naive one is UTC)."""
    moment = value if isinstance(value, datetime) else parse_datetime(str(value))
    if moment is None:
        return str(value)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt_timezone.utc)
    return date_format(timezone.localtime(moment), "j E Y, H:i")


def _related(found, value, related: dict) -> str:
    """The related object's name, read once per object for the whole trail."""
    key = (found.related_model, value)
    if key not in related:
        other = found.related_model._default_manager.filter(pk=value).first()
        related[key] = (other.get_full_name() or other.email) if hasattr(other, "get_full_name") else (
            str(other) if other is not None else f"#{value}")
    return related[key]


def _previous(records: list) -> dict[int, object]:
    """Each record's previous record of the same object, found among `records` themselves; only
    the oldest record of an object (when older ones fall outside the limit) reads it from the
    database. `record.prev_record` for every record was one query per record."""
    previous, last = {}, {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        key = getattr(record, record.instance_type._meta.pk.attname)
        previous[record.history_id] = last.get(key)
        last[key] = record
    return previous


def _changes(records, what, related: dict | None = None) -> list[Change]:
    out = []
    related = {} if related is None else related
    records = list(records)
    earlier = _previous(records)
    for record in records:
        model = record.instance_type
        change = Change(record.history_date, record.history_user, what(record), record.history_type)
        if record.history_type == "~":
            previous = earlier[record.history_id] or record.prev_record
            if previous is None:
                continue
            delta = record.diff_against(previous)
            change.fields = [(_label(model, c.field), _shown(model, c.field, c.old, related),
                              _shown(model, c.field, c.new, related)) for c in delta.changes if c.field not in NOISE]
            if not change.fields:
                continue
        out.append(change)
    return out


def offer_get_for_audit(*, pk: int) -> Offer:
    """A submitted (numbered) offer; 404 for a draft never submitted."""
    return get_object_or_404(Offer.objects.select_related("call", "organisation").exclude(number=""), pk=pk)


def offer_audit(offer: Offer) -> list[Change]:
    actions = dict(offer.offer_actions.values_list("pk", "action__code"))
    changes = _changes(Offer.history.filter(id=offer.pk).select_related("history_user")[:LIMIT],
                       lambda r: str(Offer._meta.verbose_name))
    changes += _changes(CostItem.history.filter(offer_action_id__in=actions).select_related("history_user")[:LIMIT],
                        lambda r: f"{CostItem._meta.verbose_name} {actions.get(r.offer_action_id, '')}: {r.name}")
    changes += _changes(FormalSheet.history.filter(offer_id=offer.pk).select_related("history_user")[:LIMIT],
                        lambda r: str(FormalSheet._meta.verbose_name))
    if offer.call.state in Call.MERIT_CLOSED_STAGES:  # nobody reads the points before the commission closes
        sheets = {s.pk: s for s in ScoreSheet.objects.filter(offer=offer).select_related("member__user")}
        changes += _changes(ScoreSheet.history.filter(offer_id=offer.pk).select_related("history_user")[:LIMIT],
                            lambda r: f"{ScoreSheet._meta.verbose_name}: {_member(sheets.get(r.id))}")
        changes += _changes(CriterionScore.history.filter(sheet_id__in=sheets).select_related("history_user")[:LIMIT],
                            lambda r: f"{CriterionScore._meta.verbose_name}: {_member(sheets.get(r.sheet_id))}")
    codes = dict(Grant.objects.filter(offer=offer).values_list("pk", "action__code"))
    changes += _changes(Grant.history.filter(offer_id=offer.pk).select_related("history_user")[:LIMIT],
                        lambda r: f"{Grant._meta.verbose_name} {codes.get(r.id, '')}")
    changes += _signatures(offer)
    decision = Decision.objects.filter(call=offer.call).first()
    if decision is not None:
        changes += _changes(Decision.history.filter(id=decision.pk).select_related("history_user")[:LIMIT],
                            lambda r: str(Decision._meta.verbose_name))
    return sorted(changes, key=lambda c: c.at, reverse=True)[:LIMIT]


def _signatures(offer: Offer) -> list[Change]:
    """Each confirmation signed electronically, accepted or refused (`signatures.SignatureEvent`)."""
    events = SignatureEvent.objects.filter(offer=offer).select_related("by").order_by("-at")[:LIMIT]
    return [Change(e.at, e.by, f"{e.get_kind_display()}: {e.details.get('file', '')}", "~",
                   [(str(_("signers")), "", ", ".join(e.details.get("signers", [])) or "—"),
                    (str(_("problems")), "", " ".join(e.details.get("problems", [])) or "—")])
            for e in events]


def _member(sheet) -> str:
    if sheet is None:
        return ""
    return sheet.member.user.get_full_name() or sheet.member.user.email
