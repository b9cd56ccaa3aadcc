"""Reads for the publication of a call's results (art. 15 ust. 2h–2j of the Act) and its statistics.

Everything comes from what the earlier stages stored: the formal sheets (admitted or rejected,
with the clerk's reasons), the merit results fixed when the chair closed the evaluation (final
scores, per-criterion means) and the authority's locked decision (a grant per offer and action, the
ranking positions it was made on, the order's number and date). The ranking is not computed
again: positions are those stored on the grants, so the published ranking is the one the authority
decided on, and the same data always gives the same page and the same PDFs.

The whole publication is read in a fixed number of queries, however many offers there are.
"""
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from django.db.models import Max, Prefetch
from django.http import Http404

from awards import rules as award_rules
from awards.models import Decision, Grant
from competition.models import Action, Call, MeritCriterion
from competition.choices import TieBreak
from core.money import format_money
from evaluation.models import FormalAnswer, FormalSheet
from offers import selectors as offer_selectors
from offers.models import Offer
from reports.selectors_reasons import History, history_needed, history_of, termination_of

ZERO = Decimal("0.00")

@dataclass
class Row:
    """One submitted offer as the publication shows it."""

    offer: Offer
    offerors: list[str]
    joint: bool
    admitted: bool
    position: int = 0                      # 0: not ranked (rejected, or no score sheet counted)
    ex_aequo: bool = False
    broken_tie: bool = False
    score: Decimal | None = None           # the final score to two places, as fixed at closing
    exact: Fraction | None = None
    means: list[Decimal | None] = field(default_factory=list)     # per criterion of the call, in order
    awarded: list[Decimal | None] = field(default_factory=list)   # per action; None: not applied for
    requested: list[Decimal | None] = field(default_factory=list)
    stated: list[str] = field(default_factory=list)              # per action: the authority's reason
    reason: str = ""                       # why no grant, or less than requested (`awards.rules.public_reason`)
    failed: list[tuple[str, str]] = field(default_factory=list)   # (formal criterion, the clerk's reason)

    @property
    def awarded_total(self) -> Decimal:
        return sum((a for a in self.awarded if a is not None), ZERO)

    @property
    def funded(self) -> bool:
        return self.awarded_total > ZERO


@dataclass
class Results:
    call: Call
    decision: Decision
    published_at: datetime
    actions: list[Action]
    criteria: list[MeritCriterion]
    ranking: list[Row]           # admitted offers, best first
    rejected: list[Row]          # formally rejected, by number
    stats: "Statistics"

    @property
    def funded(self) -> list[Row]:
        return [row for row in self.ranking if row.funded]

    @property
    def not_funded(self) -> list[Row]:
        return [row for row in self.ranking if not row.funded]

    @property
    def submitted(self) -> int:
        return len(self.ranking) + len(self.rejected)

    @property
    def awarded_per_action(self) -> list[Decimal]:
        return [sum((row.awarded[i] or ZERO for row in self.funded), ZERO) for i in range(len(self.actions))]

    @property
    def awarded_total(self) -> Decimal:
        return sum((row.awarded_total for row in self.funded), ZERO)

    @property
    def tie_break(self) -> str:
        label = str(self.call.get_tie_break_display())
        if self.call.tie_break == TieBreak.CRITERION and self.call.tie_break_criterion:
            label = f"{label} ({self.call.tie_break_criterion})"
        return label


# --- finding the call ---------------------------------------------------------------------------------


def call_get_public(*, slug: str) -> Call:
    """A public call (drafts are 404) with its decision, if any, in one query."""
    call = Call.objects.public().select_related("decision", "authority").filter(slug=slug).first()
    if call is None:
        raise Http404("No such call.")
    return call


def decision_published(call: Call) -> Decision:
    """The locked decision of a call whose results are published; 404 before publication."""
    decision = getattr(call, "decision", None) if call.results_published_at else None
    if decision is None or not decision.is_locked or call.state == Call.State.ANNULLED:
        raise Http404("The results of this call are not published.")
    return decision


def results_version(call: Call, decision: Decision) -> str:
    """Everything that can change a published page, in one short string: the publication, the
    decision's revision (every correction, resignation and re-allocation after the decision bumps
    it) and, in one query, the latest change of the call's offers and of their offerors (a title
    changed in a negotiation, an organisation's new name)."""
    latest = Offer.objects.filter(call=call).aggregate(
        offers=Max("updated_at"), leads=Max("organisation__updated_at"), partners=Max("partners__organisation__updated_at"))
    stamps = [f"{moment.timestamp():.6f}" if moment else "-" for moment in
              (call.results_published_at, call.updated_at, latest["offers"], latest["leads"], latest["partners"])]
    return ":".join([str(decision.pk), str(decision.revision), *stamps])


# --- reading ------------------------------------------------------------------------------------------


def _offers(call: Call, decision: Decision) -> list[Offer]:
    failed = FormalAnswer.objects.filter(value=False).select_related("criterion")
    return list(
        Offer.objects.filter(call=call, formal_sheet__result__in=(FormalSheet.Result.ADMITTED,
                                                                 FormalSheet.Result.REJECTED))
        .select_related("organisation", "formal_sheet", "merit_result", "contract__termination")
        .prefetch_related("partners__organisation", "zones", Prefetch("formal_sheet__answers", queryset=failed),
                          Prefetch("grants", queryset=Grant.objects.filter(decision=decision)))
        .order_by("number", "pk")
    )


def _merit(offer: Offer):
    try:
        return offer.merit_result
    except Offer.merit_result.RelatedObjectDoesNotExist:
        return None


def _row(offer: Offer, actions: list[Action], codes: list[str], requested: dict[str, Decimal]) -> Row:
    admitted = offer.formal_sheet.result == FormalSheet.Result.ADMITTED
    partners = [p.organisation.name for p in offer.partners.all()]
    row = Row(offer, [offer.organisation.name, *partners], bool(partners), admitted)
    grants = {g.action_id: g for g in offer.grants.all()}
    if grants:
        row.position = next(iter(grants.values())).position
        row.awarded = [grants[a.pk].awarded if a.pk in grants else None for a in actions]
        row.requested = [grants[a.pk].requested if a.pk in grants else None for a in actions]
        row.stated = [grants[a.pk].reason if a.pk in grants else "" for a in actions]
    else:
        row.awarded = [None for _a in actions]
        row.requested = [requested.get(a.code) for a in actions]
    result = _merit(offer)
    if result is not None:
        row.score, row.exact = result.score, result.exact
        row.means = [Decimal(result.criterion_means[c]) if c in result.criterion_means else None for c in codes]
    if not admitted:
        row.failed = [(a.criterion.question, a.reason) for a in offer.formal_sheet.answers.all()]
    return row


def _above(rows: list[Row], actions: list[Action], freed: dict[str, dict[str, Decimal]]):
    """Per position of the ranking, per action: the grants, and the money freed by resignations,
    of the offers at that position or above (one pass over the ranking, best first)."""
    granted, released = {}, {}
    totals, freed_totals = [ZERO] * len(actions), [ZERO] * len(actions)
    for row in sorted((r for r in rows if r.position), key=lambda r: r.position):
        for i, action in enumerate(actions):
            totals[i] += row.awarded[i] or ZERO
            freed_totals[i] += freed.get(row.offer.number, {}).get(action.code, ZERO)
        granted[row.position], released[row.position] = list(totals), list(freed_totals)
    return granted, released


def _facts(row: Row, actions: list[Action], place: award_rules.Place, granted: list[Decimal],
           released: list[Decimal], history: History) -> award_rules.OfferFacts:
    applied = [i for i, amount in enumerate(row.requested) if amount]
    number = row.offer.number
    freed, received = history.freed.get(number, {}), history.reallocated.get(number, {})
    ended = termination_of(row.offer)
    return award_rules.OfferFacts(
        admitted=row.admitted, withdrawn=row.offer.state == Offer.State.WITHDRAWN,
        resigned=row.offer.state == Offer.State.RESIGNED, resigned_full=number in history.full,
        recommended=place.recommended, not_recommended=str(place.reason),
        terminated=str(ended.get_kind_display()) if ended else "", terminated_on=ended.on if ended else None,
        actions=tuple(award_rules.ActionFacts(
            code=actions[i].code, requested=row.requested[i], awarded=row.awarded[i] or ZERO,
            # the budget less the grants of the other offers at or above this one
            left=actions[i].budget - (granted[i] - (row.awarded[i] or ZERO)),
            freed=released[i] - freed.get(actions[i].code, ZERO), stated=row.stated[i] if row.stated else "",
            reallocated=received.get(actions[i].code, ZERO),
            sources=tuple(sorted(history.sources.get(number, {}).get(actions[i].code, ()))))
            for i in applied))


def _places(call: Call, rows: list[Row], actions: list[Action]) -> None:
    """Ex aequo, a tie placed by the call's rule, and why an offer got no grant or less than it
    asked for (`awards.rules.public_reason`, from what happened: the ranking's verdict, the money
    left after the offers ranked above, resignations, the authority's stated reasons).

    Whether an offer was recommended comes from the ranking rule itself (awards.rules.rank:
    quorum and the call's minimum score); the positions stay those of the decision."""
    merit = {r.offer.pk: _merit(r.offer) for r in rows}
    candidates = [award_rules.Candidate(offer_pk=r.offer.pk, number=r.offer.number, exact=r.exact,
                                        quorum=bool(merit[r.offer.pk] and merit[r.offer.pk].quorum))
                  for r in rows]
    verdict = {p.candidate.offer_pk: p for p in award_rules.rank(candidates, minimum=call.min_recommended_score)}
    places = Counter(r.position for r in rows if r.position)
    scores = Counter(r.exact for r in rows if r.exact is not None)
    history = history_of(call) if history_needed(r.offer for r in rows) else History()
    granted, released = _above(rows, actions, history.freed)
    nothing = [ZERO] * len(actions)
    for row in rows:
        row.ex_aequo = places[row.position] > 1
        row.broken_tie = scores[row.exact] > 1 and not row.ex_aequo and call.tie_break != TieBreak.NONE
        facts = _facts(row, actions, verdict[row.offer.pk], granted.get(row.position, nothing),
                       released.get(row.position, nothing), history)
        row.reason = award_rules.public_reason(facts, format_money)


def results_get(call: Call) -> Results:
    """The published results of a call; 404 before publication."""
    decision = decision_published(call)
    actions = list(call.actions.all())
    criteria = list(call.merit_criteria.all())
    offers = _offers(call, decision)
    # Offers without a grant row (the formally rejected): what their cost items ask for. Offers
    # with grant rows keep the amount frozen in the decision.
    outside = offer_selectors.requested_grants([o.pk for o in offers if not o.grants.all()])
    rows = [_row(o, actions, [c.code for c in criteria], outside.get(o.pk, {})) for o in offers]
    ranking = sorted((r for r in rows if r.admitted), key=lambda r: (r.position == 0, r.position, r.offer.number))
    _places(call, ranking, actions)
    return Results(
        call=call, decision=decision, published_at=call.results_published_at, actions=actions, criteria=criteria,
        ranking=ranking, rejected=[r for r in rows if not r.admitted],
        stats=statistics_of(call, actions, list(call.zones.all()), rows),
    )


# --- statistics ---------------------------------------------------------------------------------------


def _width(value, longest) -> str:
    """A bar's length in percent of the longest bar, as CSS wants it (a dot, never a comma)."""
    return f"{Decimal(value) * 100 / Decimal(longest):.1f}" if longest else "0.0"


@dataclass
class ActionStat:
    code: str
    title: str
    budget: Decimal
    requested: Decimal
    awarded: Decimal
    offers: int
    funded: int
    budget_width: str = "0.0"
    requested_width: str = "0.0"

    @property
    def ratio(self) -> Decimal | None:
        """Requested per złoty available (1.50: half as much again as there is)."""
        return self.requested / self.budget if self.budget else None


@dataclass
class Group:
    """Offers of one zone, one score band, or one kind (joint or single)."""

    label: str
    offers: int = 0
    funded: int = 0
    funds: Decimal = ZERO
    width: str = "0.0"
    low: Decimal | None = None
    high: Decimal | None = None


@dataclass
class Statistics:
    actions: list[ActionStat]
    zones: list[Group]
    bands: list[Group]
    unscored: int
    kinds: list[Group]   # joint, single
    total: Group

    @property
    def budget(self) -> Decimal:
        return sum((a.budget for a in self.actions), ZERO)

    @property
    def requested(self) -> Decimal:
        return sum((a.requested for a in self.actions), ZERO)

    @property
    def awarded(self) -> Decimal:
        return sum((a.awarded for a in self.actions), ZERO)


def _action_stats(actions: list[Action], rows: list[Row]) -> list[ActionStat]:
    out = []
    for i, action in enumerate(actions):
        mine = [r for r in rows if r.requested[i] is not None]
        out.append(ActionStat(action.code, action.title, action.budget,
                              sum((r.requested[i] for r in mine), ZERO), sum((r.awarded[i] or ZERO for r in mine), ZERO),
                              len(mine), sum(1 for r in mine if r.awarded[i])))
    longest = max([max(a.budget, a.requested) for a in out] or [ZERO])
    for a in out:
        a.budget_width, a.requested_width = _width(a.budget, longest), _width(a.requested, longest)
    return out


def _group(label: str, rows: list[Row], **extra) -> Group:
    return Group(label, len(rows), sum(1 for r in rows if r.funded), sum((r.awarded_total for r in rows), ZERO),
                 **extra)


def _scale(groups: list[Group], measure: str) -> list[Group]:
    longest = max([getattr(g, measure) for g in groups] or [0])
    for g in groups:
        g.width = _width(getattr(g, measure), longest)
    return groups


def _bands(call: Call, rows: list[Row]) -> list[Group]:
    """Scored offers per band of 10 points of the final score (as published, two places):
    0–9,99, 10–19,99, … up to the call's maximum, which closes the last band (60–65)."""
    scores = [r.score for r in rows if r.score is not None]
    top = Decimal(call.max_points or max(scores, default=ZERO))
    count = max(1, -(-int(top) // 10))
    bands = []
    for i in range(count):
        low = Decimal(10 * i)
        last = i == count - 1
        high = top if last else low + Decimal("9.99")
        mine = [r for r in rows if r.score is not None and low <= r.score and (last or r.score < low + 10)]
        bands.append(_group("", mine, low=low, high=high))
    return _scale(bands, "offers")


def statistics_of(call: Call, actions: list[Action], zones, rows: list[Row]) -> Statistics:
    """Point 6 of the publication: demand against money per action, offers and money per urban
    zone (an offer's whole grant counts for every zone it covers), the spread of final scores,
    and joint against single offers. Every submitted offer that went through the formal check counts."""
    covered = [(r, {z.pk for z in r.offer.zones.all()}) for r in rows]  # each offer's zones read once
    covering = {zone.pk: [r for r, pks in covered if zone.pk in pks] for zone in zones}
    admitted = [r for r in rows if r.admitted]
    return Statistics(
        actions=_action_stats(actions, rows),
        zones=_scale([_group(zone.name, covering[zone.pk]) for zone in zones], "funds"),
        bands=_bands(call, admitted),
        unscored=sum(1 for r in admitted if r.score is None),
        kinds=_scale([_group("joint", [r for r in rows if r.joint]), _group("single", [r for r in rows if not r.joint])],
                     "funds"),
        total=_group("total", rows),
    )
