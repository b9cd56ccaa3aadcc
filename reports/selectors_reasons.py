"""What the decision's history says about each offer's money, for the reasons the published
results give (`awards.rules.public_reasons`): grants given up after the decision, and money given
on by a re-allocation and whose it was. One query, and none when nothing of the kind happened
(`history_needed`). Contracts ended early come with the offers (`termination_of`)."""
from dataclasses import dataclass, field
from decimal import Decimal

from awards.models import AwardEvent
from competition.models import Call

ZERO = Decimal("0.00")

# The events after which an offer's grant is freed (its amount before, per action, in their details).
FREEING = (AwardEvent.Kind.NEG_WITHDREW, AwardEvent.Kind.NEG_EXPIRED, AwardEvent.Kind.WITHDREW)


@dataclass
class History:
    freed: dict[str, dict[str, Decimal]] = field(default_factory=dict)        # offer number → action → freed
    full: set[str] = field(default_factory=set)                               # resigned from the grant as awarded
    reallocated: dict[str, dict[str, Decimal]] = field(default_factory=dict)  # offer number → action → received
    sources: dict[str, dict[str, set[str]]] = field(default_factory=dict)     # offer number → action → whose money


def _add(table: dict, number: str, code: str, amount: Decimal) -> None:
    mine = table.setdefault(number, {})
    mine[code] = mine.get(code, ZERO) + amount


def history_needed(offers) -> bool:
    """Whether anything freed or re-allocated money after the decision: an offer resigned, or a grant
    is above the walk's proposal (only a re-allocation or the authority raises one). In memory: the
    offers come with their grants."""
    return any(o.state == "resigned" or any(g.awarded > g.proposed for g in o.grants.all()) for o in offers)


def termination_of(offer):
    """The offer's contract's early end, read with the offer (`select_related`), or None."""
    contract = getattr(offer, "contract", None)
    return getattr(contract, "termination", None) if contract is not None else None


def history_of(call: Call) -> History:
    history = History()
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
