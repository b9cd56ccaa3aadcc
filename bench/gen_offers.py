"""Offers for the benchmark data (`bench/generate.py`), written in bulk.

Each offer is complete as an applicant would leave it after going through every step: texts,
offerors (some joint), two or three actions with declared indicators, a schedule, urban zones
and LPR projects, and a full cost calculation per action (substantive items and an
administrative one, financed by the grant and by own financial, personal and in-kind
contributions). Submitted offers then get their version exactly as `offer_submit` freezes it:
the snapshot and control sum come from `offers.selectors.offer_snapshot` and
`offers.services.checksum` over the rows just written, and every one is checked against the
call's rules first (`offer_problems` must be empty), so the pages and PDFs show real content.
"""
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal

from bench import gen_text as text
from bench.gen_copy import copy_objects
from offers import rules, selectors, services
from offers.models import (
    CostItem,
    IndicatorValue,
    Offer,
    OfferAction,
    OfferEvent,
    OfferPartner,
    OfferVersion,
    OwnResult,
    ScheduleRow,
)
from organisations.models import Organisation

CENT = Decimal("0.01")
BATCH = 2000


@dataclass
class OfferPlan:
    lead: Organisation
    user: object
    partners: list[Organisation] = field(default_factory=list)
    submitted_at: datetime | None = None  # None: a draft
    created_at: datetime | None = None


def _financed(rng: random.Random, *, name: str, unit: str, quantity: Decimal, unit_cost: Decimal, kind: str,
              offeror: Organisation | None) -> dict:
    """A cost item whose sources add up to its value: mostly the grant, the rest own contribution."""
    total = (quantity * unit_cost).quantize(CENT)
    grant = (total * Decimal(rng.choice(("0.70", "0.75", "0.80", "0.85", "0.88")))).quantize(CENT, ROUND_DOWN)
    rest = total - grant
    item = {"kind": kind, "name": name, "unit": unit, "quantity": quantity, "unit_cost": unit_cost, "grant": grant,
            "own_personal": Decimal("0.00"), "own_in_kind": Decimal("0.00"), "offeror": offeror}
    if rng.random() < 0.4:
        rate = Decimal(rng.choice(("25.00", "30.00", "35.00")))
        hours = int(rest / 2 / rate)
        if hours:
            item.update(own_personal=rate * hours, personal_hours=Decimal(hours).quantize(CENT), personal_rate=rate)
    if rng.random() < 0.2:
        in_kind = ((rest - item["own_personal"]) / 2).quantize(CENT, ROUND_DOWN)
        if in_kind > 0:
            item.update(own_in_kind=in_kind, in_kind_valuation=rng.choice(text.IN_KIND))
    item["own_financial"] = rest - item["own_personal"] - item["own_in_kind"]
    return item


def action_costs(rng: random.Random, target: Decimal, offerors: list[Organisation]) -> list[dict]:
    """Two to four substantive items asking for about `target` from the grant, and one
    administrative item (6–12% of the substantive ones)."""
    picks = rng.sample(text.COSTS, rng.randint(2, 4))
    weights = [rng.uniform(0.5, 1.5) for _ in picks]
    wanted = target / Decimal("0.8")  # the grant covers about 80% of each item
    items = []
    for (name, unit, _range, prices), weight in zip(picks, weights):
        unit_cost = Decimal(rng.choice(prices))
        quantity = max(1, int(wanted * Decimal(weight / sum(weights)) / unit_cost))
        items.append(_financed(rng, name=name, unit=unit, quantity=Decimal(quantity).quantize(CENT), unit_cost=unit_cost,
                               kind="substantive", offeror=rng.choice(offerors) if len(offerors) > 1 else None))
    substantive = sum((i["quantity"] * i["unit_cost"] for i in items), Decimal("0"))
    months = rng.randint(3, 6)
    share = Decimal(rng.choice(("0.06", "0.08", "0.10", "0.12")))
    name, unit = rng.choice(text.ADMIN_COSTS)
    rate = max(CENT, (substantive * share / months).quantize(CENT))
    items.append(_financed(rng, name=name, unit=unit, quantity=Decimal(months).quantize(CENT), unit_cost=rate,
                           kind="administrative", offeror=None))
    return items


def _offer(rng: random.Random, call, plan: OfferPlan) -> Offer:
    start = call.realisation_start + timedelta(days=rng.randint(0, 20))
    end = min(call.realisation_end, start + timedelta(days=rng.randint(60, 170)))
    submitted = plan.submitted_at is not None
    statements = {name: submitted or rng.random() < 0.7 for name in rules.STATEMENTS}
    statements.update({variant: "none" if statements[name] else "" for name, variant in rules.STATEMENT_VARIANTS.items()})
    return Offer(
        call=call, organisation=plan.lead, state=Offer.State.SUBMITTED if submitted else Offer.State.DRAFT,
        revision=rng.randint(8, 60), title=text.offer_title(rng), start_date=start, end_date=end,
        synthetic_description=text.paragraph(rng, 5), target_groups=text.paragraph(rng, 2),
        complementarity=text.paragraph(rng, 2), direct_effects=text.paragraph(rng, 2),
        social_change=text.paragraph(rng, 2), durability=text.paragraph(rng, 1),
        experience=text.paragraph(rng, 3), resources=text.paragraph(rng, 2),
        volunteers=f"{rng.randint(2, 15)} wolontariuszy, łącznie {rng.randint(40, 300)} godzin pracy",
        other_information=text.paragraph(rng, 1) if rng.random() < 0.3 else "",
        created_by=plan.user, updated_by=plan.user, submitted_at=plan.submitted_at, **statements,
    )


def _cache(instance, name: str, values: list) -> None:
    """What `prefetch_related(name)` would leave on the instance: its related manager then reads
    these rows without a query (`offer_snapshot` and `offer_problems` run on the rows just made)."""
    queryset = getattr(instance, name).get_queryset()
    queryset._result_cache, queryset._prefetch_done = list(values), True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset


def _group(rows: list, key: str) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(id(getattr(row, key)), []).append(row)
    return grouped


def _dated(rng: random.Random, offer: Offer) -> tuple[date, date]:
    days = (offer.end_date - offer.start_date).days
    first = offer.start_date + timedelta(days=rng.randint(0, days // 2))
    return first, min(offer.end_date, first + timedelta(days=rng.randint(7, max(8, days // 2))))


def _children(rng: random.Random, call, offers: list[Offer], plans: list[OfferPlan]) -> dict[int, list]:
    """Partners, chosen actions and what hangs on them; returns the rows per model, unsaved."""
    actions = list(call.actions.all())
    zones, projects = list(call.zones.all()), list(call.lpr_projects.all())
    rows: dict = {k: [] for k in ("partners", "actions", "zones", "lpr")}
    for offer, plan in zip(offers, plans):
        for position, partner in enumerate(plan.partners):
            rows["partners"].append(OfferPartner(offer=offer, organisation=partner, position=position,
                                                 status=OfferPartner.Status.ACCEPTED,  # submitted: consented
                                                 role=rng.choice(("partner merytoryczny", "realizacja działań "
                                                                  "dla dzieci", "obsługa wydarzeń"))))
        for action in sorted(rng.sample(actions, rng.choice((2, 2, 2, 3))), key=lambda a: a.position):
            rows["actions"].append(OfferAction(offer=offer, action=action))
        chosen = sorted(rng.sample(zones, rng.randint(3, len(zones))), key=lambda z: (z.position, z.name))
        rows["zones"] += [Offer.zones.through(offer_id=offer.pk, urbanzone_id=zone.pk) for zone in chosen]
        picked = sorted(rng.sample(projects, rng.choice((0, 1, 1, 2, 2, 3, 4))), key=lambda p: (p.position, p.code))
        rows["lpr"] += [Offer.lpr_projects.through(offer_id=offer.pk, revitalisationproject_id=p.pk) for p in picked]
        _cache(offer, "zones", chosen)
        _cache(offer, "lpr_projects", picked)
    return rows


def _action_rows(rng: random.Random, offer_actions: list[OfferAction], plans: dict[int, OfferPlan],
                 asks: dict[str, Decimal]) -> dict[str, list]:
    rows: dict = {"indicators": [], "own": [], "schedule": [], "costs": []}
    positions: dict[int, int] = {}
    for oa in offer_actions:
        offer, plan = oa.offer, plans[oa.offer_id]
        offerors = [plan.lead, *plan.partners]
        for indicator in oa.action.indicators.all():
            extra = Decimal(rng.choice(("0", "0", "0.2", "0.5", "1")))
            rows["indicators"].append(IndicatorValue(
                offer_action=oa, indicator=indicator, value=(indicator.minimum * (1 + extra)).quantize(Decimal("1")).quantize(CENT),
                monitoring=rng.choice(("listy obecności", "dokumentacja fotograficzna", "ankiety uczestników"))))
        if rng.random() < 0.3:
            rows["own"].append(OwnResult(offer_action=oa, name="liczba wolontariuszy zaangażowanych w zadanie",
                                         planned_value=str(rng.randint(3, 12)), monitoring="porozumienia"))
        for _ in range(rng.randint(1, 2)):
            first, last = _dated(rng, offer)
            position = positions.get(offer.pk, 0)
            positions[offer.pk] = position + 1
            rows["schedule"].append(ScheduleRow(
                offer=offer, position=position, offer_action=oa, activity=rng.choice(text.ACTIVITIES),
                description=text.paragraph(rng, 1), target_group=rng.choice(text.GROUPS)[4:],
                start_date=first, end_date=last, responsible=rng.choice(offerors)))
        target = (asks[oa.action.code] * Decimal(rng.uniform(0.05, 0.25))).quantize(CENT)
        for position, item in enumerate(action_costs(rng, target, offerors)):
            rows["costs"].append(CostItem(offer_action=oa, position=position, **item))
    return rows


def create_offers(rng: random.Random, call, plans: list[OfferPlan], asks: dict[str, Decimal]) -> list[Offer]:
    """Every offer of `plans` with all its rows; submitted ones numbered in order of submission.
    `asks`: per action code, the money an offer's grant is a share of (5–25%): the reference
    call's budget, whatever the call's own, so demand grows with the number of offers."""
    offers = [_offer(rng, call, plan) for plan in plans]
    order = sorted((i for i, p in enumerate(plans) if p.submitted_at), key=lambda i: plans[i].submitted_at)
    for number, index in enumerate(order, start=1):
        offers[index].number = f"{number:03d}"
    Offer.objects.bulk_create(offers, batch_size=BATCH)
    rows = _children(rng, call, offers, plans)
    OfferPartner.objects.bulk_create(rows["partners"], batch_size=BATCH)
    OfferAction.objects.bulk_create(rows["actions"], batch_size=BATCH)
    copy_objects(Offer.zones.through, rows["zones"])
    copy_objects(Offer.lpr_projects.through, rows["lpr"])
    by_offer = {o.pk: p for o, p in zip(offers, plans)}
    more = _action_rows(rng, rows["actions"], by_offer, asks)
    copy_objects(IndicatorValue, more["indicators"])
    copy_objects(OwnResult, more["own"])
    copy_objects(ScheduleRow, more["schedule"])
    copy_objects(CostItem, more["costs"])
    _events(offers, plans)
    per_offer = {name: _group(rows[name], "offer") for name in ("partners", "actions")}
    schedule = _group(more["schedule"], "offer")
    for offer in offers:
        _cache(offer, "partners", per_offer["partners"].get(id(offer), []))
        _cache(offer, "offer_actions", per_offer["actions"].get(id(offer), []))
        _cache(offer, "schedule", schedule.get(id(offer), []))
        _cache(offer, "versions", [])
        _cache(offer, "attachments", [])
    per_action = {name: _group(more[key], "offer_action") for name, key in (
        ("indicator_values", "indicators"), ("own_results", "own"), ("cost_items", "costs"))}
    for oa in rows["actions"]:
        for name, grouped in per_action.items():
            _cache(oa, name, grouped.get(id(oa), []))
    return offers


def _events(offers: list[Offer], plans: list[OfferPlan]) -> None:
    events = []
    for offer, plan in zip(offers, plans):
        created = plan.created_at or plan.submitted_at
        events.append(OfferEvent(offer=offer, kind=OfferEvent.Kind.CREATED, by=plan.user, at=created))
        events.append(OfferEvent(offer=offer, kind=OfferEvent.Kind.SAVED, by=plan.user, at=created,
                                 section="costs", details={"revision": offer.revision}))
    copy_objects(OfferEvent, events)


def submit_versions(offers: list[Offer], plans: list[OfferPlan], *, verify: int = 5) -> None:
    """Version 1 of every submitted offer, frozen as `offer_submit` does it, from the rows just
    written (kept on the instances by `create_offers`). The first `verify` are frozen again
    from the database, through `offer_get_for_user`'s prefetch, and must give the same sum."""
    versions, events = [], []
    for offer, plan in zip(offers, plans):
        if not plan.submitted_at:
            continue
        problems = selectors.offer_problems(offer)
        if problems:
            raise RuntimeError(f"offer {offer.pk} breaks the call's rules: {[p.message for p in problems]}")
        snapshot = selectors.offer_snapshot(offer)
        version = OfferVersion(offer=offer, number=1, data=snapshot, checksum=services.checksum(snapshot),
                               submitted_at=plan.submitted_at, submitted_by=plan.user)
        versions.append(version)
        events.append(OfferEvent(offer=offer, kind=OfferEvent.Kind.SUBMITTED, by=plan.user, at=plan.submitted_at,
                                 details={"version": 1, "checksum": version.checksum}))
    copy_objects(OfferVersion, versions)
    copy_objects(OfferEvent, events)
    for version in versions[:verify]:
        stored = selectors._with_everything(Offer.objects.filter(pk=version.offer_id)).get()
        if services.checksum(selectors.offer_snapshot(stored)) != version.checksum:
            raise RuntimeError(f"offer {version.offer_id}: the snapshot from the database differs")
