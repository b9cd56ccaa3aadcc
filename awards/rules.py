"""The ranking and the allocation of grants, as pure functions (no ORM).

Where they come from: the call (the ranking by final score, the tie-break rule it names, the
minimum score to be recommended) and the rule that each action has its own budget — money
never moves between actions (the announcement, section II).
"""
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from core.money import foreign_characters, strip_grouping

from evaluation.merit.rules import positions as rank_positions

ZERO = Decimal("0.00")

NONE, CRITERION, SUBMISSION = "none", "criterion", "submission"

ABOVE_REQUESTED = gettext_lazy(
    "Offer %(offer)s, action %(action)s: %(awarded)s is more than the %(requested)s requested.")
NEGATIVE = gettext_lazy("Offer %(offer)s, action %(action)s: the amount cannot be negative.")
NOT_AN_AMOUNT = gettext_lazy(
    "Offer %(offer)s, action %(action)s: “%(value)s” is not an amount in złoty (e.g. 1 250,50).")
ABOVE_BUDGET = gettext_lazy(
    "Action %(action)s: the grants add up to %(total)s, more than the action's budget of %(budget)s "
    "(money cannot move between actions).")


def points_text(value: Decimal) -> str:
    """A score as the active language writes it: "30" for whole points, "27,50" (Polish) otherwise."""
    whole = value == value.to_integral_value()
    return formats.number_format(value, decimal_pos=0 if whole else 2, use_l10n=True)


@dataclass(frozen=True)
class Candidate:
    """An admitted offer as the ranking sees it."""

    offer_pk: int
    number: str
    exact: Fraction | None          # the final score, exact; None: no sheet counted
    quorum: bool = True
    criterion_mean: Fraction | None = None  # for the "criterion" tie-break
    submitted_at: datetime | None = None    # for the "submission" tie-break
    requested: dict[str, Decimal] = field(default_factory=dict)  # action code → grant requested


@dataclass(frozen=True)
class Place:
    candidate: Candidate
    position: int
    ex_aequo: bool            # shares its position with another offer
    broken_tie: bool          # was tied on the score and placed by the tie-break rule
    recommended: bool
    reason: str = ""          # why not recommended


def _tie_key(c: Candidate, rule: str):
    if rule == CRITERION:
        return -(c.criterion_mean or Fraction(0))
    if rule == SUBMISSION:
        return c.submitted_at.timestamp() if c.submitted_at else float("inf")
    return 0


def rank(candidates: list[Candidate], *, rule: str = NONE, minimum: Decimal | None = None) -> list[Place]:
    """Offers by final score (exact), best first. Equal scores share a position (ex aequo) unless
    the call's tie-break rule separates them; offers still equal after it stay ex aequo."""
    scored = [c for c in candidates if c.exact is not None]
    ordered = sorted(scored, key=lambda c: (-c.exact, _tie_key(c, rule), c.number))
    places = rank_positions([(c.exact, _tie_key(c, rule)) for c in ordered])
    sharing = Counter(c.exact for c in ordered)  # how many offers have each score: one pass, not one per offer
    places = [Place(c, position, tied, sharing[c.exact] > 1 and rule != NONE, True)
              for c, (position, tied) in zip(ordered, places)]
    result = []
    for p in places:
        recommended, reason = True, ""
        if not p.candidate.quorum:
            recommended, reason = False, _("fewer score sheets than the call requires")
        elif minimum is not None and p.candidate.exact < Fraction(minimum):
            recommended, reason = False, _("below the minimum score of %(min)s") % {"min": points_text(minimum)}
        result.append(Place(p.candidate, p.position, p.ex_aequo, p.broken_tie, recommended, reason))
    unscored = sorted((c for c in candidates if c.exact is None), key=lambda c: c.number)
    result += [Place(c, 0, False, False, False, _("no score sheet was counted")) for c in unscored]
    return result


@dataclass(frozen=True)
class Step:
    """One line of the allocation walk, shown to the clerk and the authority."""

    offer_pk: int
    number: str
    position: int
    action: str
    requested: Decimal
    left_before: Decimal
    granted: Decimal
    outcome: str  # "full" | "partial" | "exhausted" | "not_recommended" | "tie"


@dataclass
class Allocation:
    granted: dict[tuple[int, str], Decimal]
    steps: list[Step]
    left: dict[str, Decimal]


def allocate(places: list[Place], budgets: dict[str, Decimal], *, already: dict[str, Decimal] | None = None,
             skip: set[int] = frozenset()) -> Allocation:
    """Walk the ranking: each recommended offer gets, for each action it covers, what it asked for
    if the action's remaining budget allows, else the remainder (partial). Money never moves
    between actions. `already` is money already granted per action (a re-run on what is left);
    offers in `skip` keep what they have and are passed over."""
    left = {code: budgets[code] - (already or {}).get(code, ZERO) for code in budgets}
    granted, steps = {}, []
    tied_positions = {p.position for p in places if p.ex_aequo}
    for place in places:
        c = place.candidate
        if c.offer_pk in skip:
            continue
        for code, requested in sorted(c.requested.items()):
            before = left.get(code, ZERO)
            if not place.recommended:
                amount, outcome = ZERO, "not_recommended"
            else:
                amount = min(requested, max(before, ZERO))
                if amount == requested:
                    outcome = "full"
                elif amount > ZERO:
                    outcome = "partial"
                else:
                    outcome = "exhausted"
                if place.position in tied_positions and amount < requested:
                    outcome = "tie"  # tied offers compete for too little money: the authority decides
            left[code] = before - amount
            granted[(c.offer_pk, code)] = amount
            steps.append(Step(c.offer_pk, c.number, place.position, code, requested, before, amount, outcome))
    return Allocation(granted, steps, left)


def parse_amount(raw: str | None) -> Decimal | None:
    """An amount typed the Polish way (1 250,50) or plainly (1250.50); None when it is not one."""
    text = (raw or "").strip().replace("zł", "")
    if foreign_characters(text):
        return None  # Decimal would read Arabic-Indic and other digits: ASCII ones only
    text = strip_grouping(text)
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except ArithmeticError:
        return None
    if not value.is_finite() or value != value.quantize(Decimal("0.01")):
        return None
    return value.quantize(Decimal("0.01"))


def decision_errors(rows: list[tuple[str, str, Decimal, Decimal]], budgets: dict[str, Decimal],
                    money) -> list[str]:
    """What is wrong with the authority's amounts: each at most what was requested, never negative,
    and per action at most its budget. `rows`: (offer number, action code, requested, awarded);
    `money` formats an amount for the message."""
    errors, totals = [], {}
    for number, code, requested, awarded in rows:
        if awarded < ZERO:
            errors.append(NEGATIVE % {"offer": number, "action": code})
        elif awarded > requested:
            errors.append(ABOVE_REQUESTED % {"offer": number, "action": code, "awarded": money(awarded),
                                             "requested": money(requested)})
        totals[code] = totals.get(code, ZERO) + awarded
    for code, total in sorted(totals.items()):
        if total > budgets.get(code, ZERO):
            errors.append(ABOVE_BUDGET % {"action": code, "total": money(total), "budget": money(budgets.get(code, ZERO))})
    return errors


# --- negotiation of a lower grant and re-allocation of freed money ------------------------------------

OPEN, UPDATE, CLOSE = "open", "update", "close"


def is_lower(rows: dict[str, tuple[Decimal, Decimal]]) -> bool:
    """An offer is offered less than it asked for: some grant, but not all of it. `rows`: action
    code → (requested, awarded). An offer granted nothing is simply not funded."""
    awarded = sum((a for _r, a in rows.values()), ZERO)
    return awarded > ZERO and any(a < r for r, a in rows.values())


def negotiation_plan(state: str, fixed: dict[str, str], rows: dict[str, tuple[Decimal, Decimal]]) -> str | None:
    """What the decision's amounts mean for an offer's negotiation (the call: "the grant may be
    lower than requested; the offeror then negotiates a smaller scope or lower results, or
    withdraws"). `state`: the offer's state; `fixed`: the grants it was asked to accept.

    - an admitted offer offered less, not already accepted at exactly these amounts → OPEN;
    - a negotiating offer whose amounts changed (a correction, a re-allocation) → UPDATE, or
      CLOSE when it now gets all it asked for, or nothing;
    - otherwise nothing to do (None)."""
    wanted = {code: a for code, (_r, a) in rows.items()}
    same = {code: Decimal(v) for code, v in (fixed or {}).items()} == wanted
    lower = is_lower(rows)
    if state == "negotiation":
        if not lower:
            return CLOSE
        return None if same else UPDATE
    if state == "admitted" and lower and not same:
        return OPEN
    return None


def reallocate(places: list[Place], budgets: dict[str, Decimal], rows: dict[int, dict[str, tuple[Decimal, Decimal]]],
               passed_over: set[int]) -> Allocation:
    """Offer the money left in each action (after withdrawals) to the next offers in the ranking:
    the same walk as the proposal, on what is left, for what each offer still lacks. `rows`: offer
    → action code → (requested, awarded); offers in `passed_over` (resigned, or that accepted a
    lower grant with an updated offer) are passed over. Returns the extra amounts."""
    already: dict[str, Decimal] = {}
    for actions in rows.values():
        for code, (_r, awarded) in actions.items():
            already[code] = already.get(code, ZERO) + awarded
    lacking = []
    for place in places:
        pk = place.candidate.offer_pk
        if pk in passed_over or pk not in rows:
            continue
        missing = {code: r - a for code, (r, a) in rows[pk].items() if r > a}
        if missing:
            candidate = Candidate(pk, place.candidate.number, place.candidate.exact, place.candidate.quorum,
                                  requested=missing)
            lacking.append(Place(candidate, place.position, place.ex_aequo, place.broken_tie, place.recommended,
                                 place.reason))
    return allocate(lacking, budgets, already=already)


# --- the public reason for an offer without a (full) grant ----------------------------------------------

FORMAL, WITHDRAWN, RESIGNED, NOT_RECOMMENDED = "formal", "withdrawn", "resigned", "not_recommended"
EXHAUSTED, PARTIAL, FREED, AUTHORITY = "exhausted", "partial", "freed", "authority"

REASON_FORMAL = gettext_lazy("formally rejected")
REASON_WITHDRAWN = gettext_lazy("the offeror withdrew the offer")
REASON_RESIGNED = gettext_lazy("the offeror resigned from the lower grant it was awarded")
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


@dataclass(frozen=True)
class ActionFacts:
    """What happened to one action an offer asked money from."""

    code: str
    requested: Decimal
    awarded: Decimal
    left: Decimal                 # the action's budget less the grants of the other offers ranked at or above it
    freed: Decimal = ZERO         # of `left`: money freed by resignations above it after the decision
    stated: str = ""              # the authority's reason for the amount it set


@dataclass(frozen=True)
class OfferFacts:
    admitted: bool = True
    withdrawn: bool = False
    resigned: bool = False
    recommended: bool = True
    not_recommended: str = ""     # why not (`Place.reason`): no quorum, no sheet, below the minimum score
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


def public_reasons(facts: OfferFacts, money) -> list[Reason]:
    """Why an offer got no grant, or less than it asked for, from what happened to it (the
    publication of the results, art. 15 ust. 2h of the Act); empty when it got all it asked for.

    In order: rejected formally; withdrawn; resigned from a lower grant; not recommended (no
    quorum, no sheet, below the call's minimum score) and given nothing; then, per action, the
    money left after the offers ranked above it: all of it given (exhausted, or the remainder),
    money freed later and not re-allocated, or less than it allowed — the authority's stated
    reason. `money` formats an amount."""
    if not facts.admitted:
        return [Reason(FORMAL, str(REASON_FORMAL))]
    if facts.withdrawn:
        return [Reason(WITHDRAWN, str(REASON_WITHDRAWN))]
    if facts.resigned:
        return [Reason(RESIGNED, str(REASON_RESIGNED))]
    if not facts.recommended and sum((a.awarded for a in facts.actions), ZERO) == ZERO:
        return [Reason(NOT_RECOMMENDED, str(facts.not_recommended))]
    return [r for r in (_action_reason(a, money) for a in sorted(facts.actions, key=lambda a: a.code)) if r]


def public_reason(facts: OfferFacts, money) -> str:
    return "; ".join(r.text for r in public_reasons(facts, money))


def stated_reason_needed(*, proposed: Decimal, saved: Decimal, typed: Decimal, saved_reason: str = "") -> bool:
    """The authority states its reason for an amount other than the proposal's when it sets it
    (or keeps one it gave a reason for); money taken by a resignation or added by a re-allocation
    is explained by those events, so an amount it left as it was needs none."""
    return typed != proposed and (typed != saved or bool(saved_reason.strip()))
