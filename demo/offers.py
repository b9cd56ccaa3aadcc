"""Builds complete offers through the services, as an applicant would: for the demo and the tests."""
from datetime import timedelta
from decimal import Decimal

from offers import rules, services, services_partners
from offers.models import IndicatorValue, Offer, OfferPartner
from organisations.models import Membership


def cost(name, quantity, unit_cost, *, grant, own_financial="0", own_personal="0", own_in_kind="0", kind="substantive",
         unit="szt.", hours=None, rate=None, valuation="", offeror=None):
    return {
        "kind": kind, "name": name, "unit": unit, "quantity": Decimal(quantity), "unit_cost": Decimal(unit_cost),
        "grant": Decimal(grant), "own_financial": Decimal(own_financial), "own_personal": Decimal(own_personal),
        "own_in_kind": Decimal(own_in_kind), "recipient_fees": Decimal("0"),
        "personal_hours": Decimal(hours) if hours else None, "personal_rate": Decimal(rate) if rate else None,
        "in_kind_valuation": valuation, "offeror": offeror,
    }


# Section III of a plausible offer, as a small association would write it.
DESCRIPTION = {
    "synthetic_description": "Cykl warsztatów i spotkań sąsiedzkich w świetlicy osiedlowej: zajęcia dla dzieci po "
                             "szkole, kawiarenka dla seniorów i wspólne porządkowanie podwórek z mieszkańcami.",
    "target_groups": "Mieszkańcy obszaru rewitalizacji, zwłaszcza dzieci 7–12 lat i seniorzy; zapisy przez "
                     "ogłoszenia w szkole, parafii i klubie seniora oraz telefonicznie.",
    "complementarity": "Uzupełnia zajęcia świetlicy szkolnej i program Klubu Seniora prowadzony przez MOPS.",
    "direct_effects": "Co najmniej 40 uczestników regularnie korzysta z zajęć; odnowione dwa podwórka.",
    "social_change": "Sąsiedzi znają się i pomagają sobie; mniej dzieci spędza popołudnia bez opieki.",
    "durability": "Grupa wolontariuszy prowadzi kawiarenkę po zakończeniu zadania; świetlica zostaje wyposażona.",
}


def default_costs(code: str):
    """A plausible budget for one action: 90% grant overall, admin costs at 10%."""
    return [
        cost(f"Warsztaty – działanie {code}", "10", "400.00", grant="3600.00", own_financial="400.00", unit="warsztat"),
        cost("Koordynacja", "5", "100.00", grant="450.00", own_personal="50.00", kind="administrative", unit="miesiąc",
             hours="2", rate="25.00"),
    ]


def accept_partners(offer: Offer, *, now=None) -> None:
    """Each invited partner accepts through the service, as its first member would (recorded)."""
    for partner in OfferPartner.all_objects.filter(offer=offer, status=OfferPartner.Status.INVITED):
        member = Membership.objects.filter(organisation_id=partner.organisation_id).order_by("pk").first()
        services_partners.partner_accept(partner=partner, by=member.user, now=now)


def make_offer(*, call, organisation, user, codes=("A", "D"), partners=(), costs=None, submit=False, now=None,
               zones=3, lpr_projects=2):
    """A complete, valid offer for `call` (the reference call or a factory call), covering the
    first `zones` urban zones and declaring the first `lpr_projects` LPR projects."""
    offer = services.offer_create(call=call, organisation=organisation, by=user, title="Razem w Hajnówce", now=now)
    start = call.realisation_start
    end = min(call.realisation_end, start + timedelta(days=90))
    offer = services.offer_save_fields(offer=offer, by=user, revision=None, section="basics", now=now,
                                       data={"title": "Razem w Hajnówce", "start_date": start, "end_date": end})
    texts = dict(DESCRIPTION)
    offer = services.offer_save_fields(offer=offer, by=user, revision=None, section="description", data=texts, now=now)
    offer = services.offer_save_fields(offer=offer, by=user, revision=None, section="resources", now=now,
                                       data={"experience": "Od 2010 r.", "resources": "Sala, 5 osób", "volunteers": "3"})
    offer = services.offer_save_fields(offer=offer, by=user, revision=None, section="statements", now=now,
                                       data={**{name: True for name in rules.STATEMENTS},
                                             **{variant: "none" for variant in rules.STATEMENT_VARIANTS.values()}})
    if partners:
        offer = services.offer_set_partners(offer=offer, by=user, revision=None, now=now,
                                            partners=[(p, "partner merytoryczny") for p in partners])
        accept_partners(offer, now=now)
    actions = [a for a in call.actions.all() if a.code in codes]
    offer = services.offer_set_actions(offer=offer, by=user, revision=None, actions=actions, now=now)
    values = {iv.pk: (iv.indicator.minimum, "lista obecności")
              for iv in IndicatorValue.objects.filter(offer_action__offer=offer).select_related("indicator")}
    offer = services.offer_save_indicators(offer=offer, by=user, revision=None, values=values, own_results={}, now=now)
    offer = services.offer_set_schedule(offer=offer, by=user, revision=None, now=now, rows=[
        {"activity": "Warsztaty", "description": "", "target_group": "mieszkańcy", "start_date": start, "end_date": end,
         "offer_action": None, "responsible": organisation, "non_party": False}])
    offer = services.offer_set_zones(offer=offer, by=user, revision=None, zones=list(call.zones.all())[:zones],
                                     lpr_projects=list(call.lpr_projects.all())[:lpr_projects], now=now)
    for oa in offer.offer_actions.select_related("action"):
        items = (costs or {}).get(oa.action.code) or default_costs(oa.action.code)
        offer = services.offer_set_costs(offer=offer, offer_action=oa, by=user, revision=None, items=items, now=now)
    if submit:
        services.offer_submit(offer=offer, by=user, now=now)
    return Offer.objects.get(pk=offer.pk)
