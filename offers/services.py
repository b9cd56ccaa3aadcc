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

from competition.models import Call
from competition.structure import call_structure
from offers import rules, selectors, services_costs, services_partners
from offers.permissions import edit_error, open_correction, submission_closed_error, submit_error
from offers.services_negotiation import negotiation_close, negotiation_open, offer_resign  # noqa: F401 (the API)
from offers.signals import offer_adjusted, offer_resubmitted, offer_submitted
from offers.models import (
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
    "statements": (*rules.STATEMENTS, *rules.STATEMENT_VARIANTS.values()),
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
    """Every mandatory indicator of a chosen action has a row to declare (also after a call
    amendment): the missing rows in one statement, the call's indicators from its cache."""
    indicators = call_structure(offer.call).indicators
    chosen = list(offer.offer_actions.values_list("pk", "action_id"))
    present = set(IndicatorValue.objects.filter(offer_action__offer=offer).values_list("offer_action_id", "indicator_id"))
    missing = [IndicatorValue(offer_action_id=oa_pk, indicator_id=indicator.pk)
               for oa_pk, action_pk in chosen for indicator in indicators.get(action_pk, [])
               if (oa_pk, indicator.pk) not in present]
    IndicatorValue.objects.bulk_create(missing, ignore_conflicts=True)


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
    return offer_set_cost_plan(offer=offer, by=by, revision=revision, plan=[(offer_action, items)], now=now)


def offer_set_cost_plan(*, offer: Offer, by, revision: int | None, plan: list[tuple[OfferAction, list[dict]]],
                        now=None) -> Offer:
    """Replace the cost items of the chosen actions in `plan` ((offer action, items) pairs; an
    action left out keeps its items), in one save: the costs page is saved whole or not at all."""
    if any(offer_action.offer_id != offer.pk for offer_action, _items in plan):
        raise ValidationError(_("This action is not part of the offer."))

    def mutate(o: Offer):
        services_costs.cost_items_replace(plan, by=by)

    return _edit(offer=offer, by=by, revision=revision, section="costs", mutate=mutate, now=now)


class OfferAlreadySubmitted(Exception):
    """A submission repeated (a second click, a browser posting again after a lost answer) from
    the revision that was already submitted: the version it made is the answer."""

    def __init__(self, version: OfferVersion):
        self.version = version
        super().__init__("offer already submitted")


# Where a submission leaves an offer: submitted, or admitted again after a lower grant was accepted.
SUBMITTED_STATES = (Offer.State.SUBMITTED, Offer.State.ADMITTED)


def _submitted_version(offer: Offer, revision: int | None) -> OfferVersion | None:
    """The version an earlier submission of this very revision made, if the offer is still as it
    was then. Submitting does not move the revision and every change after it does (a
    withdrawal, a correction, a negotiation), so the same revision means the same submission."""
    if revision is None or revision != offer.revision or offer.state not in SUBMITTED_STATES:
        return None
    latest = offer.versions.order_by("-number").first()
    return latest if latest is not None and latest.withdrawn_at is None else None


def offer_submit(*, offer: Offer, by, now: datetime | None = None, revision: int | None = None) -> OfferVersion:
    """Submit: before the deadline (judged at `now`: when the request reached the portal), only
    a valid offer, exactly once however many clicks, tabs or co-authors; freezes an immutable
    snapshot with its SHA-256 sum. Only the offer's row is locked; a first submission takes its
    number from the call's counter just before the last writes.

    `revision` is the revision the applicant's page showed: a repeated submission of it raises
    `OfferAlreadySubmitted` with the version already made (no second version); without it, a
    submitted offer is refused as before."""
    now = now or _now()
    with transaction.atomic():
        locked = Offer.objects.select_for_update(of=("self",)).select_related("call", "organisation").get(pk=offer.pk)
        repeated = _submitted_version(locked, revision)
        if repeated is not None:
            raise OfferAlreadySubmitted(repeated)
        if locked.state == Offer.State.SUBMITTED:
            raise ValidationError(_("The offer has already been submitted."))
        correction = open_correction(locked)
        negotiating = locked.state == Offer.State.NEGOTIATION
        error = submit_error(locked, now)
        if error:
            raise ValidationError(error)
        full = selectors.offer_load_everything(locked)
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
            number=max((v.number for v in locked.versions.all()), default=0) + 1,
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
