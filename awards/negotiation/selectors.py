"""Reads of the re-allocation page: the re-run walk's steps and the offers it passes over."""
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from awards import rules
from awards.models import Decision, Grant
from awards.selectors import Reallocation, StepRow, step_row
from competition.models import Call
from offers.models import Offer


def reallocation_steps(call: Call, walk: Reallocation) -> list[StepRow]:
    offers = {o.number: o for o in Offer.objects.filter(call=call)}
    return [step_row(s.position, offers.get(s.number), s.number, s.action, s.requested, s.left_before, s.granted,
                     s.outcome) for s in walk.allocation.steps]


def passed_over(why: dict[int, str]) -> list[tuple[str, str]]:
    """(offer number, why the re-run passes it over), from `rules.pass_over_why`."""
    numbers = dict(Offer.objects.filter(pk__in=why).values_list("pk", "number"))
    texts = {rules.PASS_ACCEPTED: _("accepted a lower grant with an updated offer"),
             rules.PASS_RESIGNED: _("resigned from the grant or withdrew"),
             rules.PASS_SIGNED: _("its contract is signed"), rules.PASS_TERMINATED: _("its contract was terminated"),
             rules.PASS_ZEROED: _("the authority set its grant to nothing")}
    return sorted((numbers[pk], str(texts.get(code, code))) for pk, code in why.items())


def offer_grants(offer: Offer, decision: Decision | None) -> list[Grant]:
    """The decision's grants of one offer, by action (none before the decision)."""
    if decision is None or not decision.is_locked:
        return []
    return list(Grant.objects.filter(decision=decision, offer=offer).select_related("action")
                .order_by("action__position", "action__code"))


def negotiating_offer(call: Call, pk: int) -> Offer:
    """An offer of this call negotiating a lower grant; 404 otherwise."""
    return get_object_or_404(Offer, call=call, pk=pk, state=Offer.State.NEGOTIATION)
