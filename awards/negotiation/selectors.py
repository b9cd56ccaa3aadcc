"""Reads of the re-allocation page: the re-run walk's steps and the offers it passes over."""
from django.utils.translation import gettext as _

from awards.selectors import Reallocation, StepRow, step_row
from competition.models import Call
from offers.models import Offer


def reallocation_steps(call: Call, walk: Reallocation) -> list[StepRow]:
    offers = {o.number: o for o in Offer.objects.filter(call=call)}
    return [step_row(s.position, offers.get(s.number), s.number, s.action, s.requested, s.left_before, s.granted,
                     s.outcome) for s in walk.allocation.steps]


def passed_over(states: dict[int, str]) -> list[tuple[str, str]]:
    """(offer number, why the re-run passes it over)."""
    numbers = dict(Offer.objects.filter(pk__in=states).values_list("pk", "number"))
    why = {Offer.State.ADMITTED: _("accepted a lower grant with an updated offer"),
           Offer.State.RESIGNED: _("resigned from the grant"), Offer.State.WITHDRAWN: _("withdrawn")}
    return sorted((numbers[pk], str(why.get(state, state))) for pk, state in states.items())
