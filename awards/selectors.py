"""Reads of the ranking and the decision, and the rows the decision pages show."""
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

from django.db.models import Exists, Min, OuterRef, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards import permissions, registry, rules
from awards.models import AwardEvent, Decision, Grant
from competition.models import Call, CommissionMember
from core.money import format_money
from evaluation.merit.selectors import offerors_of
from evaluation.models import CriterionScore, Declaration, MeritResult, ScoreSheet
from offers import selectors as offer_selectors
from offers.models import Offer, OfferPartner

ZERO = Decimal("0.00")


def budgets_of(call: Call) -> dict[str, Decimal]:
    return {a.code: a.budget for a in call.actions.all()}


def requested_of(call: Call) -> dict[int, dict[str, Decimal]]:
    """Per offer, the grant requested for each action it covers (the sum of its cost items)."""
    return offer_selectors.requested_grants(Offer.objects.filter(call=call))


def candidates(call: Call, *, requests: bool = True) -> list[rules.Candidate]:
    """Every admitted offer with its fixed merit result (the evaluation must be closed); with
    `requests`, what it asks for per action (the allocation needs it, the ranking's places do not)."""
    results = {r.offer_id: r for r in MeritResult.objects.filter(offer__call=call)}
    requested = requested_of(call) if requests else {}
    # the first submission of each offer, without reading the versions' snapshots
    offers = (Offer.objects.filter(pk__in=results).annotate(first_submitted=Min("versions__submitted_at"))
              .only("pk", "number").order_by("number"))
    by_criterion = call.tie_break == rules.CRITERION and call.tie_break_criterion
    means = _criterion_means(call) if by_criterion else {}
    out = []
    for offer in offers:
        result = results[offer.pk]
        out.append(rules.Candidate(
            offer_pk=offer.pk, number=offer.number, exact=result.exact, quorum=result.quorum,
            criterion_mean=means.get(offer.pk),
            submitted_at=offer.first_submitted, requested=requested.get(offer.pk, {}),
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


def ranking(call: Call, *, requests: bool = True) -> list[rules.Place]:
    return rules.rank(candidates(call, requests=requests), rule=call.tie_break, minimum=call.min_recommended_score)


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


def action_totals(call: Call, decision: Decision | None, grants: list[Grant] | None = None) -> list[ActionTotal]:
    """Per action, the sums of all the decision's grants (`grants`: all of them, when already read)."""
    if grants is None:
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


def grants_for_page(decision: Decision):
    """The decision's grants with only what the decision page and its forms print of the offer and
    the action (a large call has thousands; an offer row is wide)."""
    return (Grant.objects.filter(decision=decision).select_related("offer", "action")
            .only("decision_id", "offer_id", "action_id", "position", "requested", "proposed", "awarded", "reason",
                  "offer__number", "offer__title", "offer__state", "action__code"))


# --- negotiation and re-allocation ----------------------------------------------------------------------


@dataclass
class Reallocation:
    allocation: rules.Allocation
    left: dict[str, Decimal]          # per action, before the re-run
    passed_over: dict[int, str]       # offer pk → why it is passed over (`rules.pass_over_why`)


def grant_rows(decision: Decision) -> dict[int, dict[str, tuple[Decimal, Decimal]]]:
    """Offer → action code → (requested, awarded)."""
    rows: dict[int, dict[str, tuple[Decimal, Decimal]]] = {}
    for grant in Grant.objects.filter(decision=decision).select_related("action"):
        rows.setdefault(grant.offer_id, {})[grant.action.code] = (grant.requested, grant.awarded)
    return rows


def reallocation(decision: Decision) -> Reallocation:
    """The walk on what is left: offers that resigned or withdrew, accepted a lower grant with an
    updated offer, have a contract, or that the authority set to nothing are passed over
    (`rules.pass_over_why`), and so is every grant the authority set to nothing (`rules.set_to_zero`);
    the others get what they still lack while the action has money."""
    call = decision.call
    grants = list(Grant.objects.filter(decision=decision).select_related("action")
                  .only("offer_id", "requested", "proposed", "awarded", "reason", "action__code"))
    rows: dict[int, dict[str, tuple[Decimal, Decimal]]] = {}
    held: set[tuple[int, str]] = set()
    for grant in grants:
        rows.setdefault(grant.offer_id, {})[grant.action.code] = (grant.requested, grant.awarded)
        if rules.set_to_zero(proposed=grant.proposed, awarded=grant.awarded, stated=grant.reason):
            held.add((grant.offer_id, grant.action.code))
    offers = Offer.objects.filter(pk__in=rows).values_list("pk", "state", "fixed_grants")
    contracts = registry.contract_states(rows)
    passed_over = {}
    for pk, state, fixed in offers:
        why = rules.pass_over_why(state=state, accepted=state == Offer.State.ADMITTED and bool(fixed),
                                  contract=contracts.get(pk, ""),
                                  zeroed=all((pk, code) in held for code in rows[pk]))
        if why:
            passed_over[pk] = why
    budgets = budgets_of(call)
    allocation = rules.reallocate(ranking(call), budgets, rows, set(passed_over), held)
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


# --- what the decision pages show -----------------------------------------------------------------------


def call_get_for_decision(*, slug: str) -> Call:
    """A call whose merit evaluation is closed (scored, decided or closed); 404 otherwise."""
    return get_object_or_404(Call, slug=slug, state__in=Call.MERIT_CLOSED_STAGES)


def decision_list_rows(user) -> list[dict]:
    """The calls of the user's authorities (where they are a clerk or decide) waiting for, or
    past, the authority's decision, each with its decision (or None)."""
    calls = permissions.decided_by_office_of(user, Call.objects.filter(state__in=Call.MERIT_CLOSED_STAGES))
    calls = calls.select_related("decision").order_by("-submission_deadline", "title")
    return [{"call": call, "decision": getattr(call, "decision", None)} for call in calls]


# What each step of the walk did, in words (the codes come from `rules.allocate`).
OUTCOMES = {
    "full": gettext_lazy("granted in full"),
    "partial": gettext_lazy("granted in part: the remainder of the action's budget"),
    "exhausted": gettext_lazy("nothing granted: the action's budget is exhausted"),
    "not_recommended": gettext_lazy("nothing granted: the offer is not recommended"),
    "tie": gettext_lazy("tie: offers sharing this place ask for more than is left — the authority decides"),
}


@dataclass
class RankRow:
    place: rules.Place
    offer: Offer
    offerors: list[str]
    score: Decimal | None


@dataclass
class StepRow:
    position: int
    offer: Offer | None
    number: str
    action: str
    requested: Decimal
    left_before: Decimal
    granted: Decimal
    outcome: str
    text: str
    index: int = 0  # the step's number in the whole walk (1, 2, …)

    @property
    def left_after(self) -> Decimal:
        return self.left_before - self.granted


def step_row(position: int, offer: Offer | None, number: str, action: str, requested: Decimal,
             left_before: Decimal, granted: Decimal, outcome: str) -> StepRow:
    """One step of the walk, its outcome in words."""
    return StepRow(position, offer, number, action, requested, left_before, granted, outcome,
                   str(OUTCOMES.get(outcome, outcome)))


@dataclass
class Check:
    """One action's total of the amounts as typed, against its budget."""

    code: str
    title: str
    budget: Decimal
    total: Decimal
    unreadable: bool
    fixed: Decimal = ZERO  # the amounts of the grants without an input on the page

    @property
    def left(self) -> Decimal:
        return self.budget - self.total

    @property
    def over(self) -> bool:
        return self.total > self.budget

    @property
    def excess(self) -> Decimal:
        return self.total - self.budget


def ranked_offers(call: Call, pks=None) -> dict[int, Offer]:
    """The call's offers with a merit result (`pks`: only these), by pk, with their offerors loaded."""
    offers = Offer.objects.filter(call=call, merit_result__isnull=False)
    if pks is not None:
        offers = offers.filter(pk__in=pks)
    # the partners with their organisations in one query: as many queries whether or not the rows shown have partners
    partners = Prefetch("partners", queryset=OfferPartner.objects.select_related("organisation"))
    offers = offers.select_related("organisation").prefetch_related(partners)
    return {o.pk: o for o in offers}


def ranking_rows(call: Call, places: list[rules.Place]) -> list[RankRow]:
    """The rows of these places of the ranking: their offers, offerors and scores read for them only."""
    pks = [place.candidate.offer_pk for place in places]
    offers = ranked_offers(call, pks)
    scores = dict(MeritResult.objects.filter(offer_id__in=pks).values_list("offer_id", "score"))
    return [RankRow(place, offers[place.candidate.offer_pk], offerors_of(offers[place.candidate.offer_pk]),
                    scores.get(place.candidate.offer_pk))
            for place in places if place.candidate.offer_pk in offers]


def step_rows(decision: Decision, offers: dict[int, Offer], only: set[tuple[str, str]] | None = None) -> list[StepRow]:
    """The walk of the decision as it was proposed, each step numbered in the whole walk; `only`:
    just the steps of these (offer number, action code)."""
    by_number = {o.number: o for o in offers.values()}
    return [StepRow(*_step(s, by_number), index=index) for index, s in enumerate(decision.steps or [], start=1)
            if only is None or (s["offer"], s["action"]) in only]


def _step(s: dict, by_number: dict[str, Offer]) -> tuple:
    return (s["position"], by_number.get(s["offer"]), s["offer"], s["action"], Decimal(s["requested"]),
            Decimal(s["left_before"]), Decimal(s["granted"]), s["outcome"], str(OUTCOMES.get(s["outcome"], s["outcome"])))


def amount_checks(call: Call, grants: list[Grant], typed: dict[int, str]) -> list[Check]:
    """Per action, every grant's amount against the budget: as typed for the grants with an input
    on the page (`typed`), as saved for the others (their sum is `Check.fixed`, for the page's script)."""
    per_action: dict[int, list[Grant]] = {}
    for grant in grants:
        per_action.setdefault(grant.action_id, []).append(grant)
    checks = []
    for action in call.actions.all():
        mine = per_action.get(action.pk, [])
        values = [rules.parse_amount(typed[g.pk]) for g in mine if g.pk in typed]
        fixed = sum((g.awarded for g in mine if g.pk not in typed), rules.ZERO)
        total = sum((v for v in values if v is not None), fixed)
        checks.append(Check(action.code, action.title, action.budget, total, any(v is None for v in values), fixed))
    return checks


def tie_break_label(call: Call) -> str:
    label = call.get_tie_break_display()
    if call.tie_break == rules.CRITERION and call.tie_break_criterion:
        label = _("%(rule)s (criterion %(code)s)") % {"rule": label, "code": call.tie_break_criterion}
    return label


# --- the history of the decision ----------------------------------------------------------------------


def award_history(call: Call) -> list[dict]:
    """The call's award events, newest first, each with its details in words."""
    events = AwardEvent.objects.filter(call=call).select_related("by").order_by("-at", "-pk")
    return [{"event": e, "details": event_details(e)} for e in events]


def event_details(event: AwardEvent) -> list[tuple[str, str]]:
    """An event's details as (label, text), the amounts the Polish way."""
    d = event.details or {}
    return [*_order_details(d), *_change_details(d), *_offer_details(d), *_outcome_details(d)]


def _order_details(d: dict) -> list[tuple[str, str]]:
    if not d.get("order_number"):
        return []
    when = date.fromisoformat(d["order_date"]).strftime("%d.%m.%Y") if d.get("order_date") else ""
    return [(_("The authority's order"), _("no. %(number)s of %(date)s") % {"number": d["order_number"], "date": when})]


def _change_details(d: dict) -> list[tuple[str, str]]:
    changes = d.get("changes") or {}
    lines = []
    for key, (old, new) in changes.items():
        number, _sep, code = key.rpartition("/")
        place = _("offer %(offer)s, action %(action)s") % {"offer": number, "action": code}
        lines.append(f"{place}: {format_money(old)} → {format_money(new)}")
    shown = [(_("Amounts changed"), "; ".join(lines))] if lines else []
    stated = []
    for key, text in (d.get("reasons") or {}).items():
        number, _sep, code = key.rpartition("/")
        place = _("offer %(offer)s, action %(action)s") % {"offer": number, "action": code}
        stated.append(f"{place}: {text or '—'}")
    return shown + ([(_("Reasons stated for the amounts"), "; ".join(stated))] if stated else [])


def _offer_details(d: dict) -> list[tuple[str, str]]:
    shown = []
    if d.get("offer"):
        shown.append((_("Offer"), d["offer"]))
    for key, label in (("fixed", _("Grant to accept")), ("freed", _("Money freed"))):
        if d.get(key):
            shown.append((label, _per_action(d[key])))
    return shown


def _outcome_details(d: dict) -> list[tuple[str, str]]:
    shown = []
    for key, label in (("previous", _("Answer by, before")), ("until", _("Answer by"))):
        if d.get(key):
            shown.append((label, timezone.localtime(datetime.fromisoformat(d[key])).strftime("%d.%m.%Y %H:%M")))
    if d.get("version"):
        shown.append((_("Updated offer"), _("version %(number)s") % {"number": d["version"]}))
    if d.get("total"):
        shown.append((_("Total awarded"), format_money(d["total"])))
    if d.get("left"):
        shown.append((_("Left in the actions' budgets"), _per_action(d["left"])))
    return shown


def _per_action(amounts: dict) -> str:
    return "; ".join(f"{code}: {format_money(value)}" for code, value in sorted(amounts.items()))
