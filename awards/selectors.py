"""Reads of the ranking and the decision."""
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Sum

from awards import rules
from awards.models import Decision, Grant
from competition.models import Call, CommissionMember
from evaluation.models import CriterionScore, Declaration, MeritResult, ScoreSheet
from offers.models import CostItem, Offer

ZERO = Decimal("0.00")


def budgets_of(call: Call) -> dict[str, Decimal]:
    return {a.code: a.budget for a in call.actions.all()}


def requested_of(call: Call) -> dict[int, dict[str, Decimal]]:
    """Per offer, the grant requested for each action it covers (the sum of its cost items)."""
    rows = (CostItem.objects.filter(offer_action__offer__call=call)
            .values("offer_action__offer_id", "offer_action__action__code").annotate(grant=Sum("grant")))
    out: dict[int, dict[str, Decimal]] = {}
    for row in rows:
        out.setdefault(row["offer_action__offer_id"], {})[row["offer_action__action__code"]] = row["grant"] or ZERO
    return out


def candidates(call: Call) -> list[rules.Candidate]:
    """Every admitted offer with its fixed merit result (the evaluation must be closed)."""
    results = {r.offer_id: r for r in MeritResult.objects.filter(offer__call=call)}
    requested = requested_of(call)
    offers = Offer.objects.filter(pk__in=results).prefetch_related("versions").order_by("number")
    out = []
    for offer in offers:
        result = results[offer.pk]
        by_criterion = call.tie_break == rules.CRITERION and call.tie_break_criterion
        first = min((v.submitted_at for v in offer.versions.all()), default=None)
        out.append(rules.Candidate(
            offer_pk=offer.pk, number=offer.number, exact=result.exact, quorum=result.quorum,
            criterion_mean=_criterion_mean(call, offer) if by_criterion else None,
            submitted_at=first, requested=requested.get(offer.pk, {}),
        ))
    return out


def _criterion_mean(call: Call, offer: Offer) -> Fraction | None:
    """The exact mean of the tie-break criterion over the sheets counted in the final score."""
    excluded = Declaration.objects.filter(offer=offer, conflict=True, withdrawn_at__isnull=True).values("member_id")
    sheets = (ScoreSheet.objects.filter(offer=offer, state=ScoreSheet.State.SUBMITTED)
              .exclude(member__kind=CommissionMember.Kind.EXPERT).exclude(member_id__in=excluded))
    points = list(CriterionScore.objects.filter(sheet__in=sheets, criterion__code=call.tie_break_criterion)
                  .values_list("points", flat=True))
    points = [p for p in points if p is not None]
    return Fraction(sum(points), len(points)) if points else None


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
