"""What the commission member's pages show: the list of offers with the next step for each, the
member's calls, and each criterion of a score sheet; shaped from `selectors.member_overview` and
`selectors.sheet_page`."""
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from competition.choices import ScaleSource
from competition.models import Call, CommissionMember, ScaleStep
from evaluation.merit import selectors


def scoring(call: Call) -> bool:
    """Declarations and sheets are written only while the merit evaluation is under way."""
    return call.state == Call.State.MERIT_EVALUATION


def offers_url(seat: CommissionMember) -> str:
    return reverse("commission:offers", kwargs={"slug": seat.call.slug})


def declare_url(seat: CommissionMember, offer_pk: int) -> str:
    return reverse("commission:declare", kwargs={"slug": seat.call.slug, "offer_pk": offer_pk})


def sheet_url(seat: CommissionMember, offer_pk: int) -> str:
    return reverse("commission:sheet", kwargs={"slug": seat.call.slug, "offer_pk": offer_pk})


# --- what is left to do -----------------------------------------------------------------------------


@dataclass
class RowView:
    """One offer of the member's list with the next step offered for it."""

    row: selectors.MemberRow
    action: str  # declare | score | continue | view | declaration
    url: str

    @property
    def todo(self) -> bool:
        return self.action in TODO


TODO = ("declare", "score", "continue")


def row_action(row: selectors.MemberRow, *, now_scoring: bool) -> str:
    """The next step offered for the offer: declare | score | continue | view | declaration."""
    if row.declaration is None:
        return "declare" if now_scoring else "declaration"
    if row.excluded:
        return "declaration"
    if now_scoring and row.sheet is None:
        return "score"
    if now_scoring and not row.sheet.is_submitted:
        return "continue"
    return "view"


def row_view(seat: CommissionMember, row: selectors.MemberRow) -> RowView:
    action = row_action(row, now_scoring=scoring(seat.call))
    url = declare_url if action in ("declare", "declaration") else sheet_url
    return RowView(row, action, url(seat, row.offer.pk))


def first_todo(seat: CommissionMember, rows: list[selectors.MemberRow]) -> RowView | None:
    """The first offer needing the member's work, its address built for it alone (not one per row)."""
    now_scoring = scoring(seat.call)
    row = next((r for r in rows if row_action(r, now_scoring=now_scoring) in TODO), None)
    return row_view(seat, row) if row is not None else None


def row_views(seat: CommissionMember, overview: selectors.MemberOverview | None = None) -> list[RowView]:
    """Every offer of the member's list (`overview`, read afresh when not given) with its next step."""
    overview = overview or selectors.member_overview(seat)
    return [row_view(seat, r) for r in overview.rows]


def next_todo(rows: list[RowView], after: int | None = None) -> RowView | None:
    """The next offer needing the member's work: after offer `after` in the list's order, then
    from the top again, so a member with forty offers works through them in turn."""
    todo = [r for r in rows if r.todo]
    if after is not None:
        positions = [r.row.offer.pk for r in rows]
        if after in positions:
            start = positions.index(after)
            todo = [r for r in rows[start + 1:] + rows[:start] if r.todo]
    return todo[0] if todo else None


# --- the member's calls -----------------------------------------------------------------------------


@dataclass
class SeatView:
    seat: CommissionMember
    overview: selectors.MemberOverview | None  # None before the merit evaluation opens

    @property
    def url(self) -> str:
        return offers_url(self.seat) if self.overview else ""


def seat_views(seats: list[CommissionMember]) -> list[SeatView]:
    """Each seat with the member's progress in its call, once the commission's work has begun."""
    return [SeatView(seat, selectors.member_overview(seat) if seat.call.state in Call.COMMISSION_STAGES
                     else None) for seat in seats]


# --- one score sheet --------------------------------------------------------------------------------


def _applied(steps: list[ScaleStep], count: int | None) -> ScaleStep | None:
    reached = [s for s in steps if count is not None and s.min_count <= count]
    return reached[-1] if reached else None


def _source_label(source: str) -> str:
    try:
        return ScaleSource(source).label
    except ValueError:
        return source


def criterion_views(rows: list[selectors.CriterionRow], steps: dict, form=None) -> list[dict]:
    """Per criterion what the templates show: the parts with their saved points (and fields of
    the sheet's form, when given), the scale with the step that applies, what the count is made of."""
    views = []
    for row in rows:
        criterion = row.criterion
        count = row.entry.offer_count if criterion.computed else row.entry.count
        own = steps.get(criterion.pk, [])
        applied = _applied(own, count)
        views.append({
            "row": row, "criterion": criterion,
            "parts": [{"part": p, "value": row.entry.parts.get(p.pk),
                       "field": form.field(form.part_name(p)) if form else None} for p in criterion.parts],
            "count": count, "source": _source_label(criterion.source),
            "steps": [{"step": s, "applies": s is applied} for s in own],
            "count_field": form.field(form.count_name(criterion)) if form else None,
            "justification_field": form.field(form.justification_name(criterion)) if form else None,
        })
    return views


# --- what stops a sheet: one line per criterion -----------------------------------------------------


def sheet_errors(form, page: selectors.SheetPage) -> list[dict]:
    """The summary above a refused sheet: one line per criterion with something to fix, linking to
    its first field (a sheet submitted empty gave one line per empty box, seventeen for the
    reference call). The messages themselves stay beside their fields."""
    if not form.is_bound or not form.errors:
        return []
    errors = form.errors
    items = [{"href": "", "text": message} for message in form.non_field_errors()]
    if "opinion" in errors:
        items.append({"href": "#id_opinion", "text": " ".join(errors["opinion"])})
    for row in page.rows if page.scores else []:
        criterion = row.criterion
        parts = [form.part_name(p) for p in criterion.parts if form.part_name(p) in errors]
        names = parts + [name for name in (form.count_name(criterion), form.justification_name(criterion))
                         if name in errors]
        if not names:
            continue
        what = []
        if parts:
            what.append(ngettext("the points of %(n)s sub-criterion", "the points of %(n)s sub-criteria",
                                 len(parts)) % {"n": len(parts)})
        if form.count_name(criterion) in errors:
            what.append(_("the count"))
        if form.justification_name(criterion) in errors:
            what.append(_("the justification"))
        items.append({"href": f"#id_{names[0]}", "text": _("Criterion %(code)s) %(title)s: check %(what)s.") % {
            "code": criterion.code, "title": criterion.title, "what": ", ".join(what)}})
    return items


def live_total(page: selectors.SheetPage) -> dict:
    """The sum the sheet shows before the script takes over: every point given so far (the parts of a
    criterion not complete yet too), and how many criteria are not complete (the script recomputes
    both as the member types)."""
    given = [row.points if row.points is not None else sum(v for v in row.entry.parts.values() if v is not None)
             for row in page.rows]
    missing = sum(1 for row in page.rows if row.points is None)
    return {"total": sum(given), "missing": missing, "missing_text": _missing(missing) if missing else "",
            # the script picks the form by Intl.PluralRules' category; a number of each category fills it
            "forms": {category: _missing(sample).replace(str(sample), "{n}")
                      for category, sample in (("one", 1), ("few", 2), ("many", 5), ("other", 5))}}


def _missing(n: int) -> str:
    return ngettext("(%(n)s criterion not complete)", "(%(n)s criteria not complete)", n) % {"n": n}
