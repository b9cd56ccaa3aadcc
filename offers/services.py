"""Writes to offers. Every change is atomic and recorded (who, when, which section).

Two people editing one offer never overwrite each other silently: every save names the
revision it was based on, and a save based on an older revision is refused with what
changed in between (`OfferConflict`). After the submission deadline nothing is written,
whatever the browser sends. The deadline is judged at `now`, which the views set to the moment
the request reached the portal (`core.middleware.ArrivalMiddleware`): a click made in time is
not late for having waited in the server's queue.

No lock is shared between applicants: a write locks only its own offer's row (`of=("self",)`,
since PostgreSQL would otherwise lock every joined row, the call's too), and a submission takes
its offer number from the call's `OfferNumberCounter` in one statement at the very end.
"""
import hashlib
import json
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from competition.models import Call
from offers import rules, selectors, services_partners
from offers.permissions import edit_error, negotiation_error, open_correction, submission_closed_error, submit_error
from offers.signals import offer_adjusted, offer_resubmitted, offer_submitted
from offers.models import (
    CostItem,
    IndicatorValue,
    Offer,
    OfferNumberCounter,
    OfferAction,
    OfferEvent,
    OfferVersion,
    OwnResult,
    ScheduleRow,
)

# Simple fields each section of the form may change.
SECTION_FIELDS = {
    "basics": ("title", "start_date", "end_date"),
    "description": ("synthetic_description", "target_groups", "complementarity", "direct_effects", "social_change",
                    "durability"),
    "resources": ("experience", "resources", "volunteers"),
    "other": ("other_information", "paid_activity"),
    "statements": rules.STATEMENTS,
}
SAVE_COALESCE = timedelta(minutes=10)  # autosaves by one person in one section make one audit row


class OfferConflict(Exception):
    """The offer changed since the revision the form was based on."""

    def __init__(self, offer: Offer, changes: list[OfferEvent]):
        self.offer = offer
        self.changes = changes
        super().__init__("offer changed")


def _now() -> datetime:
    return timezone.now()


def checksum(snapshot: dict) -> str:
    """SHA-256 of the canonical JSON of a snapshot: the control sum printed on the confirmation."""
    canonical = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@transaction.atomic
def offer_create(*, call: Call, organisation, by, title: str = "", now: datetime | None = None) -> Offer:
    now = now or _now()
    error = submission_closed_error(call, now)
    if error:
        raise ValidationError(error)
    if organisation.legal_form not in call.eligible_entity_types:
        raise ValidationError(
            _("%(org)s (%(form)s) is not among the entities eligible in this call.")
            % {"org": organisation.name, "form": organisation.get_legal_form_display()}
        )
    offer = Offer.objects.create(call=call, organisation=organisation, title=title, created_by=by, updated_by=by)
    OfferEvent.objects.create(offer=offer, kind=OfferEvent.Kind.CREATED, by=by, at=now)
    return offer


def _record_save(offer: Offer, by, section: str, now: datetime) -> None:
    last = offer.events.order_by("-at", "-pk").first()
    details = {"revision": offer.revision}
    if (last and last.kind == OfferEvent.Kind.SAVED and last.by_id == by.pk and last.section == section
            and now - last.at < SAVE_COALESCE):
        last.at, last.details = now, details
        last.save(update_fields=["at", "details"])
    else:
        OfferEvent.objects.create(offer=offer, kind=OfferEvent.Kind.SAVED, by=by, at=now, section=section, details=details)


def _edit(*, offer: Offer, by, revision: int | None, section: str, mutate, now: datetime | None = None) -> Offer:
    now = now or _now()
    with transaction.atomic():
        locked = Offer.objects.select_for_update(of=("self",)).select_related("call").get(pk=offer.pk)
        error = edit_error(locked, section, now)
        if error:
            raise ValidationError(error)
        if revision is not None and revision != locked.revision:
            changes = [e for e in locked.events.select_related("by")
                       if e.details.get("revision", 0) > revision]
            raise OfferConflict(locked, changes)
        mutate(locked)
        locked.revision += 1
        if locked.state == Offer.State.WITHDRAWN:
            locked.state = Offer.State.DRAFT  # a withdrawn offer becomes a draft again when edited
        locked.updated_by = by
        locked.save()
        _record_save(locked, by, section, now)
    return locked


def offer_save_fields(*, offer: Offer, by, revision: int | None, section: str, data: dict,
                      now: datetime | None = None) -> Offer:
    allowed = SECTION_FIELDS[section]

    def mutate(o: Offer):
        for name, value in data.items():
            if name in allowed:
                setattr(o, name, value)

    return _edit(offer=offer, by=by, revision=revision, section=section, mutate=mutate, now=now)


def offer_set_partners(*, offer: Offer, by, revision: int | None, partners: list[tuple], now=None) -> Offer:
    """`partners`: (organisation, role) pairs in order; the lead may not be its own partner.
    A new partner is only invited: it joins when one of its members accepts (services_partners)."""
    ids = [org.pk for org, _role in partners]
    if offer.organisation_id in ids or len(set(ids)) != len(ids):
        raise ValidationError(_("Each organisation can be an offeror only once, and the lead offeror is not a partner."))
    now = now or _now()

    def mutate(o: Offer):
        services_partners.partners_apply(offer=o, partners=partners, by=by, now=now)

    return _edit(offer=offer, by=by, revision=revision, section="offerors", mutate=mutate, now=now)


def offer_set_actions(*, offer: Offer, by, revision: int | None, actions: list, now=None) -> Offer:
    """Choose the call's actions the offer covers; dropping one drops its costs and indicators."""
    if any(a.call_id != offer.call_id for a in actions):
        raise ValidationError(_("An action of another call cannot be chosen."))
    ids = {a.pk for a in actions}

    def mutate(o: Offer):
        o.offer_actions.exclude(action_id__in=ids).delete()
        for action in actions:
            OfferAction.objects.get_or_create(offer=o, action=action)
        _ensure_indicator_rows(o)

    return _edit(offer=offer, by=by, revision=revision, section="actions", mutate=mutate, now=now)


def offer_save_indicators(*, offer: Offer, by, revision: int | None, values: dict, own_results: dict, now=None) -> Offer:
    """`values`: {IndicatorValue pk: (value, monitoring)}; `own_results`: {OfferAction pk: [dict(name, planned_value, monitoring)]}."""

    def mutate(o: Offer):
        _ensure_indicator_rows(o)
        mine = {iv.pk: iv for iv in IndicatorValue.objects.filter(offer_action__offer=o)}
        for pk, (value, monitoring) in values.items():
            if pk in mine:
                mine[pk].value, mine[pk].monitoring = value, monitoring
                mine[pk].save(update_fields=["value", "monitoring"])
        chosen = {oa.pk for oa in o.offer_actions.all()}
        for oa_pk, rows in own_results.items():
            if oa_pk not in chosen:
                continue
            OwnResult.objects.filter(offer_action_id=oa_pk).delete()
            OwnResult.objects.bulk_create(OwnResult(offer_action_id=oa_pk, position=i, **row) for i, row in enumerate(rows))

    return _edit(offer=offer, by=by, revision=revision, section="indicators", mutate=mutate, now=now)


def _ensure_indicator_rows(offer: Offer) -> None:
    """Every mandatory indicator of a chosen action has a row to declare (also after a call amendment)."""
    for oa in offer.offer_actions.select_related("action").prefetch_related("action__indicators"):
        for indicator in oa.action.indicators.all():
            IndicatorValue.objects.get_or_create(offer_action=oa, indicator=indicator)


def offer_set_schedule(*, offer: Offer, by, revision: int | None, rows: list[dict], now=None) -> Offer:
    """`rows`: dicts with activity, description, target_group, start_date, end_date, offer_action, responsible, non_party."""

    def mutate(o: Offer):
        o.schedule.all().delete()
        ScheduleRow.objects.bulk_create(ScheduleRow(offer=o, position=i, **row) for i, row in enumerate(rows))

    return _edit(offer=offer, by=by, revision=revision, section="schedule", mutate=mutate, now=now)


def offer_set_zones(*, offer: Offer, by, revision: int | None, zones: list, lpr_projects: list, now=None) -> Offer:
    if any(z.call_id != offer.call_id for z in [*zones, *lpr_projects]):
        raise ValidationError(_("A zone or project of another call cannot be chosen."))

    def mutate(o: Offer):
        o.zones.set(zones)
        o.lpr_projects.set(lpr_projects)

    return _edit(offer=offer, by=by, revision=revision, section="zones", mutate=mutate, now=now)


def offer_set_costs(*, offer: Offer, offer_action: OfferAction, by, revision: int | None, items: list[dict],
                    now=None) -> Offer:
    """Replace the cost items of one chosen action; `items` are dicts of CostItem fields."""
    if offer_action.offer_id != offer.pk:
        raise ValidationError(_("This action is not part of the offer."))

    def mutate(o: Offer):
        offer_action.cost_items.all().delete()
        bulk_create_with_history(
            [CostItem(offer_action=offer_action, position=i, **item) for i, item in enumerate(items)], CostItem
        )

    return _edit(offer=offer, by=by, revision=revision, section="costs", mutate=mutate, now=now)


def offer_submit(*, offer: Offer, by, now: datetime | None = None) -> OfferVersion:
    """Submit: before the deadline (judged at `now`: when the request reached the portal), only
    a valid offer, exactly once however many clicks, tabs or co-authors; freezes an immutable
    snapshot with its SHA-256 sum. Only the offer's row is locked; a first submission takes its
    number from the call's counter just before the last writes."""
    now = now or _now()
    with transaction.atomic():
        locked = Offer.objects.select_for_update(of=("self",)).get(pk=offer.pk)
        if locked.state == Offer.State.SUBMITTED:
            raise ValidationError(_("The offer has already been submitted."))
        correction = open_correction(locked)
        negotiating = locked.state == Offer.State.NEGOTIATION
        error = submit_error(locked, now)
        if error:
            raise ValidationError(error)
        full = selectors.offer_get_for_user(pk=locked.pk, user=by)
        problems = selectors.offer_problems(full)
        if problems:
            raise ValidationError([p.message for p in problems])
        snapshot = selectors.offer_snapshot(full)
        if not locked.number:  # a resubmission keeps its number
            locked.number = snapshot["number"] = f"{_next_number(locked.call_id):03d}"
        if negotiating:
            locked.state = Offer.State.ADMITTED  # the updated offer is what the contract will follow
            locked.fixed_until = None
        else:
            locked.state = Offer.State.SUBMITTED
            locked.submitted_at = now
        locked.updated_by = by
        locked.save()
        version = OfferVersion.objects.create(
            offer=locked,
            number=locked.versions.count() + 1,
            data=snapshot,
            checksum=checksum(snapshot),
            submitted_at=now,
            submitted_by=by,
        )
        OfferEvent.objects.create(offer=locked, kind=OfferEvent.Kind.ACCEPTED if negotiating else OfferEvent.Kind.SUBMITTED,
                                  by=by, at=now, details={"version": version.number, "checksum": version.checksum})
        if negotiating:
            offer_adjusted.send(sender=Offer, offer=locked, version=version, by=by, now=now)
        if correction is not None:
            offer_resubmitted.send(sender=Offer, offer=locked, by=by, now=now)
        transaction.on_commit(lambda: offer_submitted.send(sender=Offer, version=version))
    return version


def _next_number(call_id: int) -> int:
    """The call's next offer number, in one statement on the call's counter row (started from the
    numbers already given when the call has none yet); the row stays locked only until the
    submission commits, a few statements later. Numbers are never reused."""
    table = connection.ops.quote_name(OfferNumberCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET last_number = last_number + 1 WHERE call_id = %s RETURNING last_number",
                       [call_id])
        row = cursor.fetchone()
        if row is None:
            start = _numbers_given(call_id) + 1
            cursor.execute(f"INSERT INTO {table} (call_id, last_number) VALUES (%s, %s) ON CONFLICT (call_id) "
                           f"DO UPDATE SET last_number = {table}.last_number + 1 RETURNING last_number",
                           [call_id, start])
            row = cursor.fetchone()
    return row[0]


def _numbers_given(call_id: int) -> int:
    """The highest number given in the call (the count when one is not a plain integer)."""
    numbers = [n for n in Offer.objects.filter(call_id=call_id).exclude(number="").values_list("number", flat=True)]
    return max([int(n) for n in numbers if n.isdigit()] + [len(numbers)], default=0)


@transaction.atomic
def offer_withdraw(*, offer: Offer, by, now: datetime | None = None) -> Offer:
    """Withdraw a submitted offer before the deadline; it can then be edited and submitted again."""
    now = now or _now()
    locked = Offer.objects.select_for_update(of=("self",)).select_related("call").get(pk=offer.pk)
    if locked.state != Offer.State.SUBMITTED:
        raise ValidationError(_("Only a submitted offer can be withdrawn."))
    error = submission_closed_error(locked.call, now)
    if error:
        raise ValidationError(_("After the submission deadline a submitted offer cannot be withdrawn here; "
                                "write to the office."))
    version = locked.versions.order_by("-number").first()
    version.withdrawn_at, version.withdrawn_by = now, by
    version.save(update_fields=["withdrawn_at", "withdrawn_by"])
    locked.state = Offer.State.WITHDRAWN
    locked.updated_by = by
    locked.revision += 1
    locked.save()
    OfferEvent.objects.create(offer=locked, kind=OfferEvent.Kind.WITHDRAWN, by=by, at=now,
                              details={"version": version.number, "revision": locked.revision})
    return locked


# --- negotiation of a lower grant (opened and closed by the Mayor's decision, see awards) ---------------


def _negotiation_event(offer: Offer, kind: str, by, now: datetime, **details) -> None:
    OfferEvent.objects.create(offer=offer, kind=kind, by=by, at=now, details={"revision": offer.revision, **details})


def negotiation_open(*, offer: Offer, fixed: dict[str, str], until: datetime, by, now: datetime) -> Offer:
    """The decision gives the offer less than it asked for: it may be updated (grant per action
    fixed to `fixed`) and submitted again by `until`, or the offeror resigns. Inside the caller's
    transaction; also used to change the fixed amounts of an open negotiation."""
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    if locked.state not in (Offer.State.ADMITTED, Offer.State.NEGOTIATION):
        raise ValidationError(_("Offer %(number)s is not admitted; no grant can be negotiated.")
                              % {"number": locked.number})
    locked.state = Offer.State.NEGOTIATION
    locked.fixed_grants, locked.fixed_until = dict(fixed), until
    locked.revision += 1
    locked.save(update_fields=["state", "fixed_grants", "fixed_until", "revision", "updated_at"])
    _negotiation_event(locked, OfferEvent.Kind.NEGOTIATION, by, now, fixed=dict(fixed), until=until.isoformat())
    return locked


def negotiation_close(*, offer: Offer, by, now: datetime) -> Offer:
    """A change of the decision makes the negotiation moot (full grant again, or none): the
    offer is simply admitted again, as submitted."""
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    if locked.state != Offer.State.NEGOTIATION:
        return locked
    locked.state, locked.fixed_grants, locked.fixed_until = Offer.State.ADMITTED, {}, None
    locked.revision += 1
    locked.save(update_fields=["state", "fixed_grants", "fixed_until", "revision", "updated_at"])
    _negotiation_event(locked, OfferEvent.Kind.SAVED, by, now, negotiation="closed")
    return locked


def offer_resign(*, offer: Offer, by, now: datetime, reason: str = "", expired: bool = False) -> Offer:
    """The offeror resigns from a lower grant (or let the answer's deadline pass: `by` None)."""
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    if locked.state != Offer.State.NEGOTIATION:
        raise ValidationError(_("Only an offer negotiating a lower grant can resign from it here."))
    if not expired:
        error = negotiation_error(locked, now)
        if error:
            raise ValidationError(error)
    locked.state, locked.fixed_until = Offer.State.RESIGNED, None
    locked.revision += 1
    locked.updated_by = by
    locked.save(update_fields=["state", "fixed_until", "revision", "updated_by", "updated_at"])
    _negotiation_event(locked, OfferEvent.Kind.RESIGNED, by, now, reason=reason, expired=expired)
    return locked
