"""A decided call with funded offers and a contract, built through the services: for the tests
of contracts, changes and final reports."""
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from awards import services as awards
from awards.tests.test_views import _scored
from competition.models import Call
from contracts import rules, selectors, services
from contracts.models import Contract
from offers.models import Offer


@dataclass
class Funded:
    call: Call
    offers: list[Offer]
    contract: Contract
    grantee: object  # a member of the contract's lead offeror


def decided(call, clerk, mayor) -> list[Offer]:
    """The reference call scored, proposed and decided: every offer fully funded (4 050,00 zł in
    each of actions A and D)."""
    mc = _scored(call, clerk)
    decision = awards.decision_propose(call=mc.call, by=clerk)
    awards.decision_lock(decision=decision, order_number="Zarządzenie nr 1/2019", order_date=timezone.localdate(),
                         by=mayor)
    return [Offer.objects.get(pk=o.pk) for o in mc.offers]


def contract_for(offer: Offer, clerk, *, number: str = "OKO/1/2019") -> Contract:
    row = next(r for r in selectors.funded_offers(offer.call) if r.offer.pk == offer.pk)
    signed = min(timezone.localdate(), offer.end_date)
    authority = offer.call.authority
    return services.contract_create(offer=offer, by=clerk, number=number, signed_on=signed,
                                    place=authority.seat or authority.municipality,
                                    tranches=[rules.Tranche(max(signed, offer.start_date), row.awarded)])


def funded(call, clerk, mayor) -> Funded:
    offers = decided(call, clerk, mayor)
    second = offers[1]  # a single offeror
    contract = contract_for(second, clerk)
    return Funded(call=Call.objects.get(pk=call.pk), offers=offers, contract=contract,
                  grantee=second.organisation.memberships.first().user)


proposal = selectors.proposal_with


def later(days: int):
    return timezone.now() + timedelta(days=days)


ZERO = Decimal("0.00")
