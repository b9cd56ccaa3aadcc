"""What the stages after the call tell competition when they start (`AppConfig.ready()`), so that
competition imports none of them (docs/architecture.md, "Apps stack in one order").

The commission's conflicts of interest (`competition.services_commission`) need facts that
later stages own:
- offers: `offeror_memberships(call, users)`, the (user id, organisation name) pairs of the
  users' organisations that lead or join an offer of the call past the draft;
- evaluation: `seat_activity()`, annotations {"has_declarations": ..., "has_sheets": ...} of
  a CommissionMember queryset, and `declarations_exist(call)`, whether any member of the call
  has declared.
"""
from collections.abc import Callable

_providers: dict[str, Callable] = {}


def register_commission_facts(**providers: Callable) -> None:
    """Register providers by name: offeror_memberships, seat_activity, declarations_exist."""
    unknown = set(providers) - {"offeror_memberships", "seat_activity", "declarations_exist"}
    if unknown:
        raise TypeError(f"unknown commission facts: {sorted(unknown)}")
    _providers.update(providers)


def commission_fact(name: str) -> Callable:
    try:
        return _providers[name]
    except KeyError:
        raise LookupError(f"no provider registered for the commission fact {name!r}") from None
