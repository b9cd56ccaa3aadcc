"""What the chair's pages show (progress matrix, conflicts, counters, results), shaped from
`selectors.progress` and `selectors.results`."""
from dataclasses import dataclass
from fractions import Fraction

from competition.models import Call, CommissionMember
from evaluation.merit import rules
from evaluation.merit import selectors
from evaluation.merit.forms import ReasonForm, lift_form, reopen_form
from evaluation.models import MeritResult, ScoreSheet

# A submitted sheet whose total lies further from the offer's mean than this share of the
# call's maximum points is marked on the chair's matrix (65 points: more than 13 away).
OUTLIER_SHARE = Fraction(20, 100)


@dataclass
class CellView:
    member: CommissionMember
    cell: selectors.Cell
    scores: bool
    total: int | None = None   # only when the viewer sees points and the sheet counts
    outlier: bool = False
    form: ReasonForm | None = None  # the chair's reopen form


@dataclass
class RowView:
    row: selectors.ProgressRow
    cells: list[CellView]
    criterion_means: list[tuple[rules.Criterion, object]]


def is_outlier(total: int, exact: Fraction | None, max_points: int) -> bool:
    return exact is not None and max_points > 0 and abs(Fraction(total) - exact) > OUTLIER_SHARE * max_points


def max_points(call: Call, criteria) -> int:
    return call.max_points or sum(c.max_points for c in criteria)


def rows(state: selectors.Progress, *, points: bool, chair: bool, bound: ReasonForm | None) -> list[RowView]:
    most = max_points(state.call, state.criteria)
    views = []
    for row in state.rows:
        cells = []
        for member, cell in zip(state.members, row.cells):
            view = CellView(member, cell, selectors.scores(member))
            if cell.state == ScoreSheet.State.SUBMITTED:
                if points and view.scores and cell.sheet.total is not None:
                    view.total = cell.sheet.total
                    view.outlier = is_outlier(cell.sheet.total, row.outcome.exact, most)
                if chair:
                    mine = bound is not None and bound.prefix == f"reopen-{cell.sheet.pk}"
                    view.form = bound if mine else reopen_form(cell.sheet, member, row.offer)
            cells.append(view)
        means = [(c, row.outcome.criterion_means.get(c.code)) for c in state.criteria] if points else []
        views.append(RowView(row, cells, means))
    return views


def conflicts(state: selectors.Progress, *, chair: bool, bound: ReasonForm | None) -> list[dict]:
    grounds = state.call.impartiality_grounds or []
    items = []
    for declaration in state.conflicts:
        form = None
        if chair and declaration.excludes:
            mine = bound is not None and bound.prefix == f"lift-{declaration.pk}"
            form = bound if mine else lift_form(declaration)
        items.append({
            "declaration": declaration,
            "member": selectors.member_name(declaration.member),
            "grounds": [(n + 1, grounds[n]) for n in declaration.grounds if 0 <= n < len(grounds)],
            "form": form,
        })
    return items


def counters(state: selectors.Progress) -> dict[str, int]:
    pairs = [(m, c) for r in state.rows for m, c in zip(state.members, r.cells)]
    scoring = [c for m, c in pairs if selectors.scores(m) and c.state != "excluded"]
    return {
        "declared": sum(1 for _m, c in pairs if c.declaration),
        "declarations": len(pairs),
        "submitted": sum(1 for c in scoring if c.state == ScoreSheet.State.SUBMITTED),
        "sheets": len(scoring),
        "missing": len(state.missing),
    }


@dataclass
class ResultRow:
    position: int | None
    tied: bool
    result: MeritResult
    offerors: list[str]
    means: list[str | None]


def result_rows(fixed: list[MeritResult], criteria: list[rules.Criterion]) -> list[ResultRow]:
    """The fixed results (best first, `selectors.results`) with their places, ties sharing one."""
    return [
        ResultRow(position, tied, result, selectors.offerors_of(result.offer),
                  [result.criterion_means.get(c.code) for c in criteria])
        for (position, tied), result in zip(rules.positions([r.exact for r in fixed]), fixed)
    ]
