"""Why an offer has what it has in the published results (art. 15 ust. 2h of the Act), as pure
functions of what happened to it (no ORM); re-exported by `awards.rules`.

The facts come from the stored decision and its history (`reports.selectors_results`): the
ranking's verdict, the money left after the offers ranked above, resignations (from a lower grant
or from a full one, before the contract), money freed and given on by a re-allocation, the
authority's stated reasons (a correction's reason included), and a contract ended early.
"""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

ZERO = Decimal("0.00")

FORMAL, WITHDRAWN, RESIGNED, NOT_RECOMMENDED = "formal", "withdrawn", "resigned", "not_recommended"
EXHAUSTED, PARTIAL, FREED, AUTHORITY = "exhausted", "partial", "freed", "authority"
REALLOCATED, TERMINATED = "reallocated", "terminated"

REASON_FORMAL = gettext_lazy("formally rejected")
REASON_WITHDRAWN = gettext_lazy("the offeror withdrew the offer")
REASON_RESIGNED = gettext_lazy("the offeror resigned from the lower grant it was awarded")
REASON_RESIGNED_FULL = gettext_lazy("the offeror resigned from the grant it was awarded, before the contract; the "
                                    "money went to the next offers in the ranking")
REASON_TERMINATED = gettext_lazy("the contract ended early (%(how)s) on %(date)s")
REASON_EXHAUSTED = gettext_lazy("action %(action)s: its money was used up by offers ranked higher")
REASON_PARTIAL = gettext_lazy("action %(action)s: granted in part, only %(left)s was left after offers ranked higher")
REASON_FREED = gettext_lazy("action %(action)s: its money was used up by offers ranked higher when the decision was "
                            "made; %(freed)s freed later by a resignation has not been re-allocated to this offer")
REASON_STATED = gettext_lazy("action %(action)s: the authority's reason: %(reason)s")
REASON_UNSTATED = gettext_lazy("action %(action)s: the authority awarded less than the money left in the action "
                               "allowed")
STATED_REASON_MISSING = gettext_lazy(
    "Offer %(offer)s, action %(action)s: give the reason for an amount different from the proposal; it is "
    "published with the results.")


def _reallocated_text(code: str, amount: str, sources: tuple[str, ...]) -> str:
    if not sources:
        return _("action %(action)s: %(amount)s of the grant is money freed after the decision and re-allocated "
                 "along the ranking") % {"action": code, "amount": amount}
    return ngettext("action %(action)s: %(amount)s of the grant is money freed by offer %(offers)s and re-allocated "
                    "along the ranking",
                    "action %(action)s: %(amount)s of the grant is money freed by offers %(offers)s and re-allocated "
                    "along the ranking", len(sources)) % {"action": code, "amount": amount,
                                                          "offers": ", ".join(sources)}


@dataclass(frozen=True)
class ActionFacts:
    """What happened to one action an offer asked money from."""

    code: str
    requested: Decimal
    awarded: Decimal
    left: Decimal                 # the action's budget less the grants of the other offers ranked at or above it
    freed: Decimal = ZERO         # of `left`: money freed by resignations above it after the decision
    stated: str = ""              # the authority's reason for the amount it set
    reallocated: Decimal = ZERO   # of `awarded`: money freed by others and given by a re-allocation
    sources: tuple[str, ...] = ()  # the offers (numbers) whose money that was


@dataclass(frozen=True)
class OfferFacts:
    admitted: bool = True
    withdrawn: bool = False
    resigned: bool = False
    resigned_full: bool = False   # from the grant as awarded (no lower grant was negotiated)
    recommended: bool = True
    not_recommended: str = ""     # why not (`Place.reason`): no quorum, no sheet, below the minimum score
    terminated: str = ""          # how its contract ended early (the kind, in words); empty: it did not
    terminated_on: date | None = None
    actions: tuple[ActionFacts, ...] = ()


@dataclass(frozen=True)
class Reason:
    kind: str
    text: str
    action: str = ""


def _action_reason(a: ActionFacts, money) -> Reason | None:
    """Why one action gives less than requested: the money it could still give after the offers
    ranked above (now, and when the decision was made, before resignations freed some) against
    what the authority set."""
    if a.awarded >= a.requested:
        return None
    could_now = min(a.requested, max(a.left, ZERO))
    if a.awarded >= could_now:  # all the money there was
        if a.awarded > ZERO:
            return Reason(PARTIAL, str(REASON_PARTIAL % {"action": a.code, "left": money(a.awarded)}), a.code)
        return Reason(EXHAUSTED, str(REASON_EXHAUSTED % {"action": a.code}), a.code)
    could_then = min(a.requested, max(a.left - a.freed, ZERO))
    if a.freed > ZERO and a.awarded >= could_then and not a.stated:
        return Reason(FREED, str(REASON_FREED % {"action": a.code, "freed": money(a.freed)}), a.code)
    if a.stated.strip():
        return Reason(AUTHORITY, str(REASON_STATED % {"action": a.code, "reason": a.stated.strip()}), a.code)
    return Reason(AUTHORITY, str(REASON_UNSTATED % {"action": a.code}), a.code)


def _action_reasons(a: ActionFacts, money) -> list[Reason]:
    """The money it got from a re-allocation, then why it has less than it asked for."""
    reasons = []
    if a.reallocated > ZERO:
        reasons.append(Reason(REALLOCATED, str(_reallocated_text(a.code, money(a.reallocated), a.sources)), a.code))
    less = _action_reason(a, money)
    return reasons + ([less] if less else [])


def _offer_reason(facts: OfferFacts) -> Reason | None:
    """What happened to the whole offer, if anything did."""
    if not facts.admitted:
        return Reason(FORMAL, str(REASON_FORMAL))
    if facts.withdrawn:
        return Reason(WITHDRAWN, str(REASON_WITHDRAWN))
    if facts.resigned:
        return Reason(RESIGNED, str(REASON_RESIGNED_FULL if facts.resigned_full else REASON_RESIGNED))
    if facts.terminated:
        when = facts.terminated_on.strftime("%d.%m.%Y") if facts.terminated_on else "—"
        return Reason(TERMINATED, str(REASON_TERMINATED % {"how": facts.terminated, "date": when}))
    if not facts.recommended and sum((a.awarded for a in facts.actions), ZERO) == ZERO:
        return Reason(NOT_RECOMMENDED, str(facts.not_recommended))
    return None


def public_reasons(facts: OfferFacts, money) -> list[Reason]:
    """Why an offer has what it has: no grant, less than it asked for, money freed by others, or a
    grant that did not run its course; empty when it simply got all it asked for.

    In order: rejected formally; withdrawn; resigned (from a lower grant, or from the full one
    before the contract); its contract ended early; not recommended (no quorum, no sheet, below the
    call's minimum score) and given nothing; then, per action, the money it got from a
    re-allocation (and whose it was), and the money left after the offers ranked above it: all of
    it given (exhausted, or the remainder), money freed later and not re-allocated, or less than
    it allowed — the authority's stated reason (a correction's reason included). `money` formats
    an amount."""
    whole = _offer_reason(facts)
    if whole is not None:
        return [whole]
    return [r for a in sorted(facts.actions, key=lambda a: a.code) for r in _action_reasons(a, money)]


def public_reason(facts: OfferFacts, money) -> str:
    return "; ".join(r.text for r in public_reasons(facts, money))
