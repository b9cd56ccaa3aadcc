"""Reads of the ranking and the decision."""
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Exists, OuterRef

from awards import rules
from awards.models import Decision, Grant
from competition.models import Call, CommissionMember
from evaluation.models import CriterionScore, Declaration, MeritResult, ScoreSheet
from offers import selectors as offer_selectors
from offers.models import Offer

ZERO = Decimal("0.00")


def budgets_of(call: Call) -> dict[str, Decimal]:
    return {a.code: a.budget for a in call.actions.all()}


def requested_of(call: Call) -> dict[int, dict[str, Decimal]]:
    """Per offer, the grant requested for each action it covers (the sum of its cost items)."""
    return offer_selectors.requested_grants(Offer.objects.filter(call=call))


def candidates(call: Call) -> list[rules.Candidate]:
    """Every admitted offer with its fixed merit result (the evaluation must be closed)."""
    results = {r.offer_id: r for r in MeritResult.objects.filter(offer__call=call)}
    requested = requested_of(call)
    offers = Offer.objects.filter(pk__in=results).prefetch_related("versions").order_by("number")
    by_criterion = call.tie_break == rules.CRITERION and call.tie_break_criterion
    means = _criterion_means(call) if by_criterion else {}
    out = []
    for offer in offers:
        result = results[offer.pk]
        first = min((v.submitted_at for v in offer.versions.all()), default=None)
        out.append(rules.Candidate(
            offer_pk=offer.pk, number=offer.number, exact=result.exact, quorum=result.quorum,
            criterion_mean=means.get(offer.pk),
            submitted_at=first, requested=requested.get(offer.pk, {}),
        ))
    return out


def _criterion_means(call: Call) -> dict[int, Fraction]:
    """Per offer, the exact mean of the tie-break criterion over the sheets counted in the final
    score: submitted, of voting members, not excluded by a conflict. One query for all offers;
    an offer without such points is left out."""
    excluded = Declaration.objects.filter(offer=OuterRef("sheet__offer"), member=OuterRef("sheet__member"),
                                          conflict=True, withdrawn_at__isnull=True)
    points = (CriterionScore.objects
              .filter(sheet__offer__call=call, sheet__state=ScoreSheet.State.SUBMITTED,
                      criterion__code=call.tie_break_criterion, points__isnull=False)
              .exclude(sheet__member__kind=CommissionMember.Kind.EXPERT)
              .filter(~Exists(excluded))
              .values_list("sheet__offer_id", "points"))
    per_offer: dict[int, list[int]] = {}
    for offer_pk, value in points:
        per_offer.setdefault(offer_pk, []).append(value)
    return {offer_pk: Fraction(sum(values), len(values)) for offer_pk, values in per_offer.items()}


def ranking(call: Call) -> list[rules.Place]:
    return rules.rank(candidates(call), rule=call.tie_break, minimum=call.min_recommended_score)


def decision_of(call: Call) -> Decision | None:
    return Decision.objects.filter(call=call).first()


@dataclass
class ActionTotal:
    code: str
    title: str
    budget: Decimal
    requested: Decimal
    proposed: Decimal
    awarded: Decimal

    @property
    def left(self) -> Decimal:
        return self.budget - self.awarded


def action_totals(call: Call, decision: Decision | None) -> list[ActionTotal]:
    grants = list(decision.grants.select_related("action")) if decision else []
    out = []
    for action in call.actions.all():
        mine = [g for g in grants if g.action_id == action.pk]
        out.append(ActionTotal(action.code, action.title, action.budget,
                               sum((g.requested for g in mine), ZERO), sum((g.proposed for g in mine), ZERO),
                               sum((g.awarded for g in mine), ZERO)))
    return out


def grants_of(decision: Decision):
    return Grant.objects.filter(decision=decision).select_related("offer__organisation", "action")


# --- negotiation and re-allocation ----------------------------------------------------------------------


@dataclass
class Reallocation:
    allocation: rules.Allocation
    left: dict[str, Decimal]          # per action, before the re-run
    passed_over: dict[int, str]       # offer pk → its state (resigned, accepted, withdrawn)


def grant_rows(decision: Decision) -> dict[int, dict[str, tuple[Decimal, Decimal]]]:
    """Offer → action code → (requested, awarded)."""
    rows: dict[int, dict[str, tuple[Decimal, Decimal]]] = {}
    for grant in Grant.objects.filter(decision=decision).select_related("action"):
        rows.setdefault(grant.offer_id, {})[grant.action.code] = (grant.requested, grant.awarded)
    return rows


def reallocation(decision: Decision) -> Reallocation:
    """The walk on what is left: offers that resigned, or accepted a lower grant with an updated
    offer, are passed over; the others get what they still lack while the action has money."""
    call = decision.call
    rows = grant_rows(decision)
    states = dict(Offer.objects.filter(pk__in=rows).values_list("pk", "state"))
    accepted = set(Offer.objects.filter(pk__in=rows, state=Offer.State.ADMITTED).exclude(fixed_grants={})
                   .values_list("pk", flat=True))
    passed_over = {pk: state for pk, state in states.items()
                   if state in (Offer.State.RESIGNED, Offer.State.WITHDRAWN) or pk in accepted}
    budgets = budgets_of(call)
    allocation = rules.reallocate(ranking(call), budgets, rows, set(passed_over))
    spent: dict[str, Decimal] = {}
    for actions in rows.values():
        for code, (_requested, awarded) in actions.items():
            spent[code] = spent.get(code, ZERO) + awarded
    left = {code: budget - spent.get(code, ZERO) for code, budget in budgets.items()}
    return Reallocation(allocation, left, passed_over)


def negotiations(decision: Decision) -> list[Offer]:
    """Offers asked to answer a lower grant (open, accepted or resigned), for the decision's pages."""
    return list(Offer.objects.filter(grants__decision=decision).exclude(fixed_grants={}).distinct()
                .select_related("organisation").order_by("number"))
