"""The data of the PDFs of the merit evaluation (Stage II): a member's score sheet for
signature, and the commission's summary table.

The sheet is what a member signs at the sitting: every criterion with the points of its
sub-criteria or the count its scale read, the justifications, the total out of the call's
maximum and the impartiality declaration as it was made. A draft prints too (to read it on
paper) but carries a "draft, not submitted" mark on every page.

The summary is the table the protocol needs: offers × scoring members with each sheet's
total, the final score (the mean of the submitted sheets), the spread and the per-criterion
means. Before the chair closes the stage it is computed live and titled as preliminary; after
closing it prints the fixed `MeritResult` rows, ranked.

Who may read what is decided in `evaluation.merit.permissions`, the pages are
`evaluation.merit.views_pdf`. Nothing is stored for these documents.
"""
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from fractions import Fraction

from django.http import Http404
from django.shortcuts import get_object_or_404

from competition.choices import ScaleSource
from competition.models import Call, CommissionMember
from evaluation.merit import rules
from evaluation.merit import selectors
from evaluation.models import Declaration, MeritEvent, ScoreSheet
from offers import selectors as offer_selectors
from offers.models import Offer

# --- the sheet ---------------------------------------------------------------------------------------


@dataclass
class PartLine:
    name: str
    low: int
    high: int
    points: int | None


@dataclass
class CriterionLine:
    criterion: rules.Criterion
    points: int | None
    justification: str
    parts: list[PartLine] = field(default_factory=list)
    count: int | None = None
    offer_count: int | None = None
    source: str = ""
    items: list[str] = field(default_factory=list)

    @property
    def scale(self) -> bool:
        return self.criterion.kind == rules.SCALE

    @property
    def count_changed(self) -> bool:
        return self.offer_count is not None and self.count is not None and self.count != self.offer_count


@dataclass
class SheetDocument:
    call: Call
    offer: Offer
    offerors: list[str]
    seat: CommissionMember
    member_name: str
    sheet: ScoreSheet
    declaration: Declaration | None
    lines: list[CriterionLine]
    total: int | None
    max_total: int
    scores: bool
    reopened: MeritEvent | None

    @property
    def draft(self) -> bool:
        return not self.sheet.is_submitted

    @property
    def excluded(self) -> bool:
        return bool(self.declaration and self.declaration.excludes)


def _lines(sheet: ScoreSheet, criteria: list[rules.Criterion], counts: dict) -> list[CriterionLine]:
    """The criteria as the sheet stored them (points, counts, justifications), never recomputed."""
    stored = {s.criterion_id: s for s in sheet.scores.all()}
    lines = []
    for c in criteria:
        score = stored.get(c.pk)
        line = CriterionLine(c, score.points if score else None, score.justification if score else "")
        if c.kind == rules.SCALE:
            line.count = score.count if score else None
            line.offer_count = score.offer_count if score else None
            line.source = str(ScaleSource(c.source).label) if c.source in ScaleSource.values else c.source
            line.items = counts[c.source].items if c.source in counts else []
        else:
            parts = {int(k): v for k, v in (score.parts if score else {}).items()}
            line.parts = [PartLine(p.name, p.low, p.high, parts.get(p.pk)) for p in c.parts]
        lines.append(line)
    return lines


def commission_call_get(slug: str) -> Call:
    return get_object_or_404(Call, slug=slug, state__in=Call.COMMISSION_STAGES)


def submitted_sheet_get(call: Call, sheet_pk: int) -> ScoreSheet:
    return get_object_or_404(selectors.sheets_for_pdf(call).filter(state=ScoreSheet.State.SUBMITTED), pk=sheet_pk)


def member_sheet_get(seat: CommissionMember, offer: Offer) -> ScoreSheet | None:
    return selectors.sheets_for_pdf(seat.call, member=seat).filter(offer=offer).first()


def offer_get(call: Call, pk: int) -> Offer:
    try:
        return selectors.admitted_offers(call).prefetch_related("zones", "lpr_projects").get(pk=pk)
    except Offer.DoesNotExist:
        raise Http404 from None


def sheet_document(sheet: ScoreSheet, offer: Offer) -> SheetDocument:
    seat = sheet.member
    call = seat.call
    scoring = selectors.scores(seat)
    criteria = selectors.criteria_of(call) if scoring else []
    lines = _lines(sheet, criteria, selectors.offer_counts(offer))
    points = [line.points for line in lines]
    total = sheet.total if sheet.is_submitted else (None if None in points or not points else sum(points))
    reopened = None
    if not sheet.is_submitted:
        reopened = (MeritEvent.objects.filter(call=call, offer=offer, member=seat, kind=MeritEvent.Kind.REOPENED)
                    .select_related("by").order_by("-at", "-pk").first())
    return SheetDocument(
        call=call, offer=offer, offerors=selectors.offerors_of(offer), seat=seat,
        member_name=selectors.member_name(seat), sheet=sheet, declaration=selectors.declaration_get(seat, offer),
        lines=lines, total=total, max_total=sum(c.max_points for c in criteria), scores=scoring, reopened=reopened,
    )


# --- the summary -------------------------------------------------------------------------------------


@dataclass
class SummaryCell:
    state: str  # "none" | "excluded" | "draft" | "submitted"
    total: int | None = None


@dataclass
class SummaryRow:
    offer: Offer
    offerors: list[str]
    cells: list[SummaryCell]
    score: Decimal | None
    sheet_count: int
    low: int | None
    high: int | None
    quorum: bool
    means: list[Decimal | None]
    grant: Decimal | None
    rank: int | None = None


@dataclass
class Summary:
    call: Call
    closed: bool
    closed_at: datetime | None
    members: list[CommissionMember]  # scoring members: the columns
    experts: list[CommissionMember]
    criteria: list[rules.Criterion]
    rows: list[SummaryRow]
    max_total: int

    @property
    def without_quorum(self) -> bool:
        return any(not row.quorum for row in self.rows)


def _cell(cell: selectors.Cell) -> SummaryCell:
    if cell.state == "excluded":
        return SummaryCell("excluded")
    if cell.state == "draft":
        return SummaryCell("draft")
    if cell.state == "submitted":
        return SummaryCell("submitted", cell.sheet.total)
    return SummaryCell("none")


def _rank(rows: list[SummaryRow], exact: dict[int, Fraction | None]) -> None:
    """Positions by the exact mean (rows come sorted best first); equal means share a position."""
    for row, (position, _tied) in zip(rows, rules.positions([exact.get(row.offer.pk) for row in rows])):
        if position is not None:
            row.rank = position


def summary_get(call: Call) -> Summary:
    state = selectors.progress(call)
    voting = [i for i, m in enumerate(state.members) if selectors.scores(m)]
    codes = [c.code for c in state.criteria]
    grants = offer_selectors.requested_grant_totals([row.offer for row in state.rows])
    closed = call.state in Call.MERIT_CLOSED_STAGES
    fixed = {r.offer_id: r for r in selectors.results(call)} if closed else {}
    rows, exact = [], {}
    for progress_row in state.rows:
        offer, cells = progress_row.offer, [_cell(progress_row.cells[i]) for i in voting]
        result = fixed.get(offer.pk)
        if result is not None:
            means = {code: Decimal(value) for code, value in result.criterion_means.items()}
            row = SummaryRow(offer, progress_row.offerors, cells, result.score, result.sheet_count, result.min_total,
                             result.max_total, result.quorum, [means.get(code) for code in codes], grants.get(offer.pk))
            exact[offer.pk] = result.exact
        else:
            outcome = progress_row.outcome
            row = SummaryRow(offer, progress_row.offerors, cells, outcome.score, outcome.sheet_count, outcome.low,
                             outcome.high, outcome.quorum, [outcome.criterion_means.get(code) for code in codes],
                             grants.get(offer.pk))
        rows.append(row)
    if closed:
        order = {offer_id: index for index, offer_id in enumerate(fixed)}  # results() ranks best first
        rows.sort(key=lambda r: order.get(r.offer.pk, len(order)))
        _rank(rows, exact)
    closed_at = next(iter(fixed.values())).closed_at if fixed else None
    return Summary(
        call=call, closed=closed, closed_at=closed_at,
        members=[state.members[i] for i in voting],
        experts=[m for m in state.members if not selectors.scores(m)],
        criteria=state.criteria, rows=rows, max_total=sum(c.max_points for c in state.criteria),
    )
