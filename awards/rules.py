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

from django.utils import formats, timezone
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


EXTENSION_NOT_LATER = gettext_lazy("The new deadline must be later than the current one (%(current)s).")
EXTENSION_PAST = gettext_lazy("The new deadline cannot be in the past.")


def extension_problem(*, new: datetime, current: datetime, now: datetime) -> str | None:
    """A negotiation's deadline is only ever moved later, and never to a moment already past."""
    if new <= now:
        return str(EXTENSION_PAST)
    if new <= current:
        return str(EXTENSION_NOT_LATER % {"current": timezone.localtime(current).strftime("%d.%m.%Y %H:%M")})
    return None


def set_to_zero(*, proposed: Decimal, awarded: Decimal, stated: str = "") -> bool:
    """The authority gave a grant nothing although the walk proposed money, or said why it gives
    nothing (a correction after a withdrawal): the re-allocation never gives that grant money again."""
    return awarded == ZERO and (proposed > ZERO or bool(stated.strip()))


PASS_SIGNED, PASS_TERMINATED = "signed", "terminated"  # the contract's state (`awards.registry`)
PASS_RESIGNED, PASS_ACCEPTED, PASS_ZEROED = "resigned", "accepted", "zeroed"


def pass_over_why(*, state: str, accepted: bool, contract: str, zeroed: bool) -> str | None:
    """Why the re-run of the walk passes an offer over (None: it may get freed money): its contract
    is signed or terminated; it resigned or withdrew (from a lower or a full grant); it accepted a
    lower grant with an updated offer; or the authority set every grant of it to nothing."""
    if contract:
        return contract
    if state in ("resigned", "withdrawn"):
        return PASS_RESIGNED
    if accepted:
        return PASS_ACCEPTED
    return PASS_ZEROED if zeroed else None


def reallocate(places: list[Place], budgets: dict[str, Decimal], rows: dict[int, dict[str, tuple[Decimal, Decimal]]],
               passed_over: set[int], held: set[tuple[int, str]] = frozenset()) -> Allocation:
    """Offer the money left in each action (after withdrawals) to the next offers in the ranking:
    the same walk as the proposal, on what is left, for what each offer still lacks. `rows`: offer
    → action code → (requested, awarded); offers in `passed_over` (`pass_over_why`) are passed
    over, and so are the grants in `held` ((offer, action code) the authority set to nothing,
    `set_to_zero`). Returns the extra amounts."""
    already: dict[str, Decimal] = {}
    for actions in rows.values():
        for code, (_r, awarded) in actions.items():
            already[code] = already.get(code, ZERO) + awarded
    lacking = []
    for place in places:
        pk = place.candidate.offer_pk
        if pk in passed_over or pk not in rows:
            continue
        missing = {code: r - a for code, (r, a) in rows[pk].items() if r > a and (pk, code) not in held}
        if missing:
            candidate = Candidate(pk, place.candidate.number, place.candidate.exact, place.candidate.quorum,
                                  requested=missing)
            lacking.append(Place(candidate, place.position, place.ex_aequo, place.broken_tie, place.recommended,
                                 place.reason))
    return allocate(lacking, budgets, already=already)


# --- the public reason for what an offer has: `awards.rules_reasons`, re-exported here ------------------

from awards.rules_reasons import (  # noqa: E402,F401 (the API: callers read them from awards.rules)
    AUTHORITY, EXHAUSTED, FORMAL, FREED, NOT_RECOMMENDED, PARTIAL, REALLOCATED, RESIGNED, STATED_REASON_MISSING,
    TERMINATED, WITHDRAWN, ActionFacts, OfferFacts, Reason, public_reason, public_reasons,
)


def stated_reason_needed(*, proposed: Decimal, saved: Decimal, typed: Decimal, saved_reason: str = "") -> bool:
    """The authority states its reason for an amount other than the proposal's when it sets it
    (or keeps one it gave a reason for); money taken by a resignation or added by a re-allocation
    is explained by those events, so an amount it left as it was needs none."""
    return typed != proposed and (typed != saved or bool(saved_reason.strip()))
