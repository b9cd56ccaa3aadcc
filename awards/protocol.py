"""The protocol of the commission's work (protokół z posiedzenia komisji konkursowej).

What the chair and the secretary sign at the end of Stage II, built only from what the
portal stored: the call; the commission as the authority's order appointed it; every impartiality
declaration (conflicts with their grounds and explanations, conflicts the chair lifted with
the reason); the offers evaluated and those the formal check rejected, with the reasons; every
member's points per offer (totals, then per criterion); the final scores fixed at closing and
the ranking (`awards.selectors.ranking`, with the call's tie-break rule); the proposed
allocation if a clerk has proposed one; the chair's reason for closing an incomplete
evaluation; and a signature line for every member.

Readers: clerks and administrators, the chair and the secretary, once the merit evaluation is
closed (the call scored, decided or closed): `evaluation.merit.permissions.may_read_protocol`.
Everybody else, and every earlier stage, gets 404 (`awards.views_protocol`). The PDF is kept
until the data it shows change (`core.pdf.cache`; registered by `register_documents`).

It lives in `awards` rather than with the commission in `evaluation.merit` because it prints
the ranking and the proposed allocation, which `awards` computes (and `evaluation` may not
import `awards`).
"""
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext_lazy

from accounts import wording
from awards import rules as award_rules
from awards import selectors as awards
from awards.models import Decision
from competition.models import Call, CommissionMember
from core.pdf import registry
from core.pdf.registry import Source
from evaluation.merit import rules as rules_merit
from evaluation.merit import selectors
from evaluation.models import FormalAnswer, FormalSheet, MeritEvent, MeritResult
from offers.documents import many_offers
from offers.models import Offer

ZERO = Decimal("0.00")
PROTOCOL = "protocol"

# --- what the protocol shows -------------------------------------------------------------------------


@dataclass
class Seat:
    member: CommissionMember
    name: str
    scores: bool


@dataclass
class DeclarationCell:
    state: str  # "impartial" | "excluded" | "lifted" | "none"
    grounds: list[int] = field(default_factory=list)  # numbered from 1, as the declaration lists them


@dataclass
class Conflict:
    member: str
    offer: Offer
    grounds: list[tuple[int, str]]
    explanation: str
    declared_at: datetime
    lifted_at: datetime | None
    lifted_by: str
    lifted_reason: str


@dataclass
class ScoreCell:
    state: str  # "submitted" | "excluded" | "draft" | "none"
    total: int | None = None
    points: dict[str, int | None] = field(default_factory=dict)  # criterion code → points


@dataclass
class CriterionLine:
    code: str
    title: str
    max_points: int
    points: list[str]  # one per scoring member, as printed
    mean: Decimal | None


@dataclass
class OfferBlock:
    offer: Offer
    offerors: list[str]
    declarations: list[DeclarationCell]  # one per seat (experts included)
    cells: list[ScoreCell]               # one per scoring member
    lines: list[CriterionLine]
    result: MeritResult | None
    requested: Decimal
    proposed: Decimal | None
    place: award_rules.Place | None = None


@dataclass
class Rejected:
    offer: Offer
    offerors: list[str]
    failed: list[tuple[str, str]]  # (criterion, the clerk's reason)


@dataclass
class Step:
    position: int
    number: str
    offerors: list[str]
    requested: Decimal
    left_before: Decimal
    granted: Decimal
    outcome: str

    @property
    def left_after(self) -> Decimal:
        return self.left_before - self.granted


@dataclass
class ActionWalk:
    code: str
    title: str
    budget: Decimal
    steps: list[Step]

    @property
    def requested(self) -> Decimal:
        return sum((s.requested for s in self.steps), ZERO)

    @property
    def proposed(self) -> Decimal:
        return sum((s.granted for s in self.steps), ZERO)

    @property
    def left(self) -> Decimal:
        return self.budget - self.proposed


@dataclass
class Opinion:
    expert: str
    offer: Offer
    text: str


@dataclass
class Protocol:
    call: Call
    seats: list[Seat]
    voting: list[Seat]
    criteria: list[rules_merit.Criterion]
    max_total: int
    offers: list[OfferBlock]      # by offer number
    ranked: list[OfferBlock]      # by place in the ranking
    rejected: list[Rejected]
    submitted: int
    conflicts: list[Conflict]
    opinions: list[Opinion]
    decision: Decision | None
    walks: list[ActionWalk]
    closed: MeritEvent | None

    @property
    def secretary(self) -> Seat | None:
        return next((s for s in self.seats if s.member.role == CommissionMember.Role.SECRETARY), None)

    @property
    def secretary_form(self) -> str:
        """The secretary's form of address ("Protokół sporządziła:"), neutral without one."""
        return wording.form_of(self.secretary.member.user.address_form if self.secretary else None)

    @property
    def closing_form(self) -> str:
        """The form of whoever closed the evaluation ("zamknęła ocenę"), neutral without one."""
        return wording.form_of(self.closed.by.address_form if self.closed and self.closed.by else None)

    @property
    def idle_walks(self) -> list[ActionWalk]:
        """Actions no admitted offer asked money from: named in one line, not as empty tables."""
        return [w for w in self.walks if not w.steps]

    @property
    def closing_reason(self) -> str:
        return (self.closed.details.get("reason") or "") if self.closed else ""

    @property
    def closing_missing(self) -> str:
        return (self.closed.details.get("missing") or "") if self.closed else ""


def _declaration_cell(declaration) -> DeclarationCell:
    if declaration is None:
        return DeclarationCell("none")
    if not declaration.conflict:
        return DeclarationCell("impartial")
    grounds = [n + 1 for n in declaration.grounds]
    return DeclarationCell("excluded" if declaration.excludes else "lifted", grounds)


def _score_cell(cell: selectors.Cell, codes: dict[int, str]) -> ScoreCell:
    state = cell.state
    if state == "excluded":
        return ScoreCell("excluded")
    if state == "submitted":
        points = {codes[s.criterion_id]: s.points for s in cell.sheet.scores.all() if s.criterion_id in codes}
        return ScoreCell("submitted", cell.sheet.total, points)
    return ScoreCell("draft" if state == "draft" else "none")


def _criterion_lines(criteria, cells: list[ScoreCell], result: MeritResult | None) -> list[CriterionLine]:
    means = result.criterion_means if result else {}
    lines = []
    for c in criteria:
        printed = []
        for cell in cells:
            value = cell.points.get(c.code) if cell.state == "submitted" else None
            printed.append("—" if value is None else str(value))
        mean = means.get(c.code)
        lines.append(CriterionLine(c.code, c.title, c.max_points, printed, Decimal(mean) if mean else None))
    return lines


def _conflicts(call: Call, declarations) -> list[Conflict]:
    grounds = call.impartiality_grounds or []
    return [
        Conflict(
            member=selectors.member_name(d.member), offer=d.offer,
            grounds=[(n + 1, grounds[n] if n < len(grounds) else "") for n in d.grounds],
            explanation=d.explanation, declared_at=d.declared_at, lifted_at=d.withdrawn_at,
            lifted_by=(d.withdrawn_by.full_name or d.withdrawn_by.email) if d.withdrawn_by else "",
            lifted_reason=d.withdrawn_reason,
        )
        for d in declarations
    ]


def _rejected(call: Call) -> tuple[list[Rejected], int]:
    """Offers the formal check rejected, with the criteria answered "no" and the clerk's reasons."""
    failed = FormalAnswer.objects.filter(value=False).select_related("criterion")
    sheets = list(FormalSheet.objects.filter(offer__call=call).select_related("offer__organisation")
                  .prefetch_related("offer__partners__organisation", Prefetch("answers", queryset=failed))
                  .order_by("offer__number", "pk"))
    rejected = [Rejected(s.offer, selectors.offerors_of(s.offer),
                         [(a.criterion.question, a.reason) for a in s.answers.all()])
                for s in sheets if s.result == FormalSheet.Result.REJECTED]
    return rejected, len(sheets)


def _walks(call: Call, decision: Decision | None, offerors: dict[str, list[str]]) -> list[ActionWalk]:
    """The proposal as the walk stored it, action by action (money never moves between actions)."""
    if decision is None:
        return []
    walks = []
    for action in call.actions.all():
        steps = [Step(s["position"], s["offer"], offerors.get(s["offer"], []), Decimal(s["requested"]),
                      Decimal(s["left_before"]), Decimal(s["granted"]), str(awards.OUTCOMES.get(s["outcome"], s["outcome"])))
                 for s in decision.steps or [] if s["action"] == action.code]
        walks.append(ActionWalk(action.code, action.title, action.budget, steps))
    return walks


def _proposed(decision: Decision | None) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = {}
    for grant in decision.grants.all() if decision else []:
        totals[grant.offer_id] = totals.get(grant.offer_id, ZERO) + grant.proposed
    return totals


def _seat_order(members: list[CommissionMember]) -> list[int]:
    """The chair, the secretary, the other scoring members, then the experts (as a protocol lists them)."""
    rank = {CommissionMember.Role.CHAIR: 0, CommissionMember.Role.SECRETARY: 1}
    return sorted(range(len(members)),
                  key=lambda i: (not selectors.scores(members[i]), rank.get(members[i].role, 2), members[i].pk))


def _blocks(call: Call, state: selectors.Progress, decision: Decision | None, order: list[int]) -> list[OfferBlock]:
    voting = [i for i in order if selectors.scores(state.members[i])]
    codes = {c.pk: c.code for c in state.criteria}
    results = {r.offer_id: r for r in MeritResult.objects.filter(offer__call=call)}
    requested = awards.requested_of(call)
    proposed = _proposed(decision)
    blocks = []
    for row in state.rows:
        cells = [_score_cell(row.cells[i], codes) for i in voting]
        result = results.get(row.offer.pk)
        blocks.append(OfferBlock(
            offer=row.offer, offerors=row.offerors, declarations=[_declaration_cell(row.cells[i].declaration) for i in order],
            cells=cells, lines=_criterion_lines(state.criteria, cells, result), result=result,
            requested=sum(requested.get(row.offer.pk, {}).values(), ZERO), proposed=proposed.get(row.offer.pk),
        ))
    return blocks


def _opinions(state: selectors.Progress) -> list[Opinion]:
    return [Opinion(selectors.member_name(member), row.offer, row.cells[i].sheet.opinion)
            for i, member in enumerate(state.members) if not selectors.scores(member)
            for row in state.rows
            if row.cells[i].sheet and row.cells[i].sheet.is_submitted and row.cells[i].sheet.opinion]


def protocol_get(call: Call) -> Protocol:
    state = selectors.progress(call)
    decision = awards.decision_of(call)
    order = _seat_order(state.members)
    blocks = _blocks(call, state, decision, order)
    by_pk = {b.offer.pk: b for b in blocks}
    ranked = []
    for place in awards.ranking(call):
        block = by_pk.get(place.candidate.offer_pk)
        if block is not None:
            block.place = place
            ranked.append(block)
    ranked += [b for b in blocks if b.place is None]
    rejected, submitted = _rejected(call)
    seats = [Seat(m, selectors.member_name(m), selectors.scores(m)) for m in (state.members[i] for i in order)]
    closed = (MeritEvent.objects.filter(call=call, kind=MeritEvent.Kind.CLOSED).select_related("by")
              .order_by("-at", "-pk").first())
    return Protocol(
        call=call, seats=seats, voting=[s for s in seats if s.scores], criteria=state.criteria,
        max_total=sum(c.max_points for c in state.criteria), offers=blocks, ranked=ranked, rejected=rejected,
        submitted=submitted, conflicts=_conflicts(call, state.conflicts), opinions=_opinions(state),
        decision=decision, walks=_walks(call, decision, {b.offer.number: b.offerors for b in blocks}), closed=closed,
    )


# --- the cached document ------------------------------------------------------------------------------


def closed_call_get(slug: str) -> Call:
    """The call whose merit evaluation is closed; 404 before."""
    return get_object_or_404(Call, slug=slug, state__in=Call.MERIT_CLOSED_STAGES)


def protocol_source(call: Call, subject: str = "") -> Source:
    with translation.override(settings.LANGUAGE_CODE):
        protocol = protocol_get(call)
    as_of = protocol.closed.at if protocol.closed else None
    return Source("awards/pdf/protocol.html", {"protocol": protocol, "call": call, "as_of": as_of},
                  f"protokol-komisji-{call.slug}.pdf")


def register_documents() -> None:
    registry.register(PROTOCOL, owner=Call, source=protocol_source, label=gettext_lazy("protocol of the commission"),
                      is_large=many_offers)
