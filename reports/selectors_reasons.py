"""What the decision's history says about each offer's money, for the reasons the published
results give (`awards.rules.public_reasons`): grants given up after the decision, money given on
by a re-allocation and whose it was, and contracts ended early. A fixed number of queries."""
from dataclasses import dataclass, field
from decimal import Decimal

from awards.models import AwardEvent
from competition.models import Call
from contracts.termination.selectors import terminations_of_call

ZERO = Decimal("0.00")

# The events after which an offer's grant is freed (its amount before, per action, in their details).
FREEING = (AwardEvent.Kind.NEG_WITHDREW, AwardEvent.Kind.NEG_EXPIRED, AwardEvent.Kind.WITHDREW)


@dataclass
class History:
    freed: dict[str, dict[str, Decimal]] = field(default_factory=dict)        # offer number → action → freed
    full: set[str] = field(default_factory=set)                               # resigned from the grant as awarded
    reallocated: dict[str, dict[str, Decimal]] = field(default_factory=dict)  # offer number → action → received
    sources: dict[str, dict[str, set[str]]] = field(default_factory=dict)     # offer number → action → whose money
    terminations: dict = field(default_factory=dict)                          # offer pk → its contract's Termination


def _add(table: dict, number: str, code: str, amount: Decimal) -> None:
    mine = table.setdefault(number, {})
    mine[code] = mine.get(code, ZERO) + amount


def history_of(call: Call) -> History:
    history = History(terminations=terminations_of_call(call.pk))
    events = AwardEvent.objects.filter(call=call, kind__in=(*FREEING, AwardEvent.Kind.REALLOCATED))
    for kind, details in events.order_by("at", "pk").values_list("kind", "details"):
        if kind == AwardEvent.Kind.REALLOCATED:
            sources = details.get("sources") or {}
            for key, (old, new) in (details.get("changes") or {}).items():
                number, _sep, code = key.rpartition("/")
                _add(history.reallocated, number, code, Decimal(new) - Decimal(old))
                history.sources.setdefault(number, {}).setdefault(code, set()).update(sources.get(code, ()))
            continue
        number = details.get("offer", "")
        if kind == AwardEvent.Kind.WITHDREW:
            history.full.add(number)
        for code, amount in (details.get("freed") or {}).items():
            _add(history.freed, number, code, Decimal(amount))
    return history
