"""The longest offer the limits allow (docs/limits.md), for `bench/pdf_probe.py offer-limits`:
every text field at its maximum length in realistic Polish words, every table at its maximum
number of rows, on every action of the call, submitted as version 1 (the snapshot the offer
PDF prints). Written with the ORM, like the rest of the bench data: the services' deadline and
state checks are not what is measured."""
import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from bench.gen_text import COSTS, SENTENCES
from core import limits
from offers import selectors, services
from offers.models import (
    CostItem, IndicatorValue, Offer, OfferAction, OfferPartner, OfferVersion, OwnResult, ScheduleRow)
from organisations.models import Organisation

PARTNERS = 5  # the partners' table is bounded by the partners' own work; five is a large joint offer


def text(rng: random.Random, length: int) -> str:
    """Exactly `length` characters of sentences, ending with a full stop."""
    out = ""
    while len(out) < length:
        out += rng.choice(SENTENCES) + " "
    return out[:length - 1].rstrip() + "." * (length - len(out[:length - 1].rstrip()))


def _limit(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def _fill(rng, model, names) -> dict:
    return {name: text(rng, _limit(model, name)) for name in names}


def offer_at_limits(call, organisation: Organisation, user, *, seed: int = 1) -> OfferVersion:
    rng = random.Random(seed)
    start, end = call.realisation_start, call.realisation_end
    long_texts = ("synthetic_description", "target_groups", "complementarity", "direct_effects", "social_change",
                  "durability", "experience", "resources", "volunteers", "other_information")
    offer = Offer.objects.create(call=call, organisation=organisation, created_by=user, updated_by=user,
                                 number=f"LIMITY/{seed}", start_date=start, end_date=end,
                                 **_fill(rng, Offer, ("title", *long_texts)))
    partners = Organisation.objects.exclude(pk=organisation.pk).order_by("pk")[:PARTNERS]
    OfferPartner.objects.bulk_create(OfferPartner(offer=offer, organisation=org, position=i,
                                                  role=text(rng, _limit(OfferPartner, "role")))
                                     for i, org in enumerate(partners))
    offerors = [organisation, *partners]
    for action in call.actions.all():
        oa = OfferAction.objects.create(offer=offer, action=action)
        for indicator in action.indicators.all():
            IndicatorValue.objects.create(offer_action=oa, indicator=indicator, value=indicator.minimum,
                                          monitoring=text(rng, _limit(IndicatorValue, "monitoring")))
        OwnResult.objects.bulk_create(
            OwnResult(offer_action=oa, position=i, **_fill(rng, OwnResult, ("name", "planned_value", "monitoring")))
            for i in range(limits.MAX_RESULT_ROWS))
        CostItem.objects.bulk_create(_cost(rng, oa, i, offerors) for i in range(limits.MAX_COST_ROWS))
    actions = list(offer.offer_actions.all())
    ScheduleRow.objects.bulk_create(
        ScheduleRow(offer=offer, position=i, offer_action=actions[i % len(actions)], start_date=start, end_date=end,
                    responsible=offerors[i % len(offerors)],
                    **_fill(rng, ScheduleRow, ("activity", "description", "target_group")))
        for i in range(limits.MAX_SCHEDULE_ROWS))
    offer = selectors.offer_get_for_document(pk=offer.pk, call=call)
    data = selectors.offer_snapshot(offer)
    now = timezone.now()
    Offer.objects.filter(pk=offer.pk).update(state=Offer.State.SUBMITTED, submitted_at=now)
    return OfferVersion.objects.create(offer=offer, number=1, data=data, checksum=services.checksum(data),
                                       submitted_at=now - timedelta(minutes=1), submitted_by=user)


def _cost(rng: random.Random, oa: OfferAction, i: int, offerors: list) -> CostItem:
    name, unit = rng.choice(COSTS)[:2]
    quantity, unit_cost = Decimal(rng.randint(1, 40)), Decimal(rng.randint(20, 900))
    total = quantity * unit_cost
    own = (total * Decimal("0.1")).quantize(Decimal("0.01"))
    return CostItem(offer_action=oa, position=i, kind=CostItem.Kind.ADMINISTRATIVE if i % 10 == 9 else
                    CostItem.Kind.SUBSTANTIVE, name=(name + " " + text(rng, 300))[:_limit(CostItem, "name")],
                    unit=(unit + " " + text(rng, 60))[:_limit(CostItem, "unit")], quantity=quantity,
                    unit_cost=unit_cost, grant=total - own, own_financial=own,
                    in_kind_valuation=text(rng, _limit(CostItem, "in_kind_valuation")),
                    offeror=offerors[i % len(offerors)])
