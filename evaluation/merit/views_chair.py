"""The chair's screens of Stage II, the merit evaluation (secretary and clerks follow along).

The progress page is the matrix offers × members: who declared, who is excluded, whose sheet
is a draft or submitted. The chair also sees the points as they come in (each sheet's total,
the live mean, the spread with outlying totals marked), lifts conflicts and reopens sheets,
each with a reason, and closes the stage. The secretary and the clerks see the states only
until the stage is closed, so nobody outside the scoring sees a number before the chair fixes
them. After closing, the results page ranks the offers by their exact final score.

Who may look is decided in `evaluation.merit.permissions` and answered with 404 for everybody else (a member who is not
chair or secretary learns nothing of the others' progress). Every POST calls one service of
`evaluation.merit.services`, which checks the chair again; a ValidationError re-renders the
progress page with the error summary and what was typed.

The three reason forms live here rather than in `evaluation/forms.py` (the formal check's):
they are one text field each and used by no other module.
"""
from dataclasses import dataclass
from fractions import Fraction
from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.permissions import is_clerk
from competition.models import Call, CommissionMember
from core.forms import add_service_errors, error_summary
from evaluation.merit import rules
from evaluation.merit import selectors
from evaluation.merit import services
from evaluation.merit.history import history_rows
from evaluation.merit.permissions import may_act_as_chair, may_follow, may_read_protocol, may_see_results, seat_of, sees_points
from evaluation.models import Declaration, MeritResult, ScoreSheet

# A submitted sheet whose total lies further from the offer's mean than this share of the
# call's maximum points is marked on the chair's matrix (65 points: more than 13 away).
OUTLIER_SHARE = Fraction(20, 100)



# --- who may look ------------------------------------------------------------------------------------


def _navigation(user, call: Call) -> dict[str, bool]:
    """What the breadcrumb and the links may offer this viewer."""
    return {"is_clerk": is_clerk(user), "has_seat": seat_of(user, call) is not None,
            "may_follow": may_follow(user, call)}


def _allowed(check, stages=Call.COMMISSION_STAGES):
    """The call (in one of `stages`) when `check(user, call)` holds; 404 otherwise."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, **kwargs):
            call = selectors.call_in_stages(slug, stages)
            if not check(request.user, call):
                raise Http404
            return view(request, call, **kwargs)

        return wrapper

    return decorator


# --- forms -------------------------------------------------------------------------------------------


class ReasonForm(forms.Form):
    """One reason, recorded with the change; the service decides whether it may be empty."""

    reason = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, label: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for closing before the evaluation is complete"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Recorded in the history and the protocol together with the list of what is missing."),
    )

    def __init__(self, *args, complete: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.complete = complete

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not self.complete and not reason:
            raise ValidationError(_("The evaluation is not complete: give the reason for closing it anyway."))
        return reason


def _lift_form(declaration: Declaration, data=None) -> ReasonForm:
    label = _("Reason for lifting the conflict of %(member)s for offer %(offer)s") % {
        "member": selectors.member_name(declaration.member), "offer": declaration.offer.number}
    return ReasonForm(data, prefix=f"lift-{declaration.pk}", label=label)


def _reopen_form(sheet: ScoreSheet, member: CommissionMember, offer, data=None) -> ReasonForm:
    label = _("Reason for reopening the sheet of %(member)s for offer %(offer)s") % {
        "member": selectors.member_name(member), "offer": offer.number}
    return ReasonForm(data, prefix=f"reopen-{sheet.pk}", label=label)


# --- the progress page -------------------------------------------------------------------------------


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


def _max_points(call: Call, criteria) -> int:
    return call.max_points or sum(c.max_points for c in criteria)


def _rows(state: selectors.Progress, *, points: bool, chair: bool, bound: ReasonForm | None) -> list[RowView]:
    max_points = _max_points(state.call, state.criteria)
    views = []
    for row in state.rows:
        cells = []
        for member, cell in zip(state.members, row.cells):
            view = CellView(member, cell, selectors.scores(member))
            if cell.state == ScoreSheet.State.SUBMITTED:
                if points and view.scores and cell.sheet.total is not None:
                    view.total = cell.sheet.total
                    view.outlier = is_outlier(cell.sheet.total, row.outcome.exact, max_points)
                if chair:
                    mine = bound is not None and bound.prefix == f"reopen-{cell.sheet.pk}"
                    view.form = bound if mine else _reopen_form(cell.sheet, member, row.offer)
            cells.append(view)
        means = [(c, row.outcome.criterion_means.get(c.code)) for c in state.criteria] if points else []
        views.append(RowView(row, cells, means))
    return views


def _conflicts(state: selectors.Progress, *, chair: bool, bound: ReasonForm | None) -> list[dict]:
    grounds = state.call.impartiality_grounds or []
    items = []
    for declaration in state.conflicts:
        form = None
        if chair and declaration.excludes:
            mine = bound is not None and bound.prefix == f"lift-{declaration.pk}"
            form = bound if mine else _lift_form(declaration)
        items.append({
            "declaration": declaration,
            "member": selectors.member_name(declaration.member),
            "grounds": [(n + 1, grounds[n]) for n in declaration.grounds if 0 <= n < len(grounds)],
            "form": form,
        })
    return items


def _counters(state: selectors.Progress) -> dict[str, int]:
    pairs = [(m, c) for r in state.rows for m, c in zip(state.members, r.cells)]
    scoring = [c for m, c in pairs if selectors.scores(m) and c.state != "excluded"]
    return {
        "declared": sum(1 for _m, c in pairs if c.declaration),
        "declarations": len(pairs),
        "submitted": sum(1 for c in scoring if c.state == ScoreSheet.State.SUBMITTED),
        "sheets": len(scoring),
        "missing": len(state.missing),
    }


def _progress_page(request, call: Call, *, bound: ReasonForm | None = None, close_form: CloseForm | None = None):
    state = selectors.progress(call)
    chair = selectors.is_chair(request.user, call) and call.state == Call.State.MERIT_EVALUATION
    points = sees_points(request.user, call)
    close_form = close_form or CloseForm(prefix="close", complete=state.complete)
    rows = _rows(state, points=points, chair=chair, bound=bound)
    conflicts = _conflicts(state, chair=chair, bound=bound)
    placed = any(cv.form is bound for rv in rows for cv in rv.cells) or any(c["form"] is bound for c in conflicts)
    return render(request, "evaluation/chair/progress.html", {
        "call": call,
        "progress": state,
        "rows": rows,
        "conflicts": conflicts,
        # A refused form whose sheet or conflict no longer offers it: shown apart, so the text typed is kept.
        "stray": {"form": bound, "action": request.path} if bound is not None and not placed else None,
        "counters": _counters(state),
        "points": points,
        "chair": chair,
        "close_form": close_form,
        "outlier_points": rules.two_places(OUTLIER_SHARE * _max_points(call, state.criteria)),
        "outlier_share": f"{rules.two_places(OUTLIER_SHARE * 100).normalize():f}%",
        "errors": error_summary(bound, close_form),
        **_navigation(request.user, call),
    })


@_allowed(may_follow)
def progress(request, call):
    return _progress_page(request, call)


def _progress_url(call: Call, anchor: str = "") -> str:
    url = reverse("chair:progress", kwargs={"slug": call.slug})
    return f"{url}#{anchor}" if anchor else url


@_allowed(may_act_as_chair)
@require_POST
def conflict_lift(request, call, declaration_pk):
    declaration = selectors.declaration_of_call(call, declaration_pk)
    form = _lift_form(declaration, request.POST)
    if form.is_valid():
        try:
            services.conflict_lift(declaration=declaration, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The conflict is lifted; the member may now score the offer."))
            return redirect(_progress_url(call, "conflicts"))
    return _progress_page(request, call, bound=form)


@_allowed(may_act_as_chair)
@require_POST
def sheet_reopen(request, call, sheet_pk):
    sheet = selectors.sheet_of_call(call, sheet_pk)
    form = _reopen_form(sheet, sheet.member, sheet.offer, request.POST)
    if form.is_valid():
        try:
            services.sheet_reopen(sheet=sheet, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The sheet is open again; it does not count until it is submitted again."))
            return redirect(_progress_url(call, "matrix"))
    return _progress_page(request, call, bound=form)


@_allowed(may_act_as_chair)
@require_POST
def close(request, call):
    form = CloseForm(request.POST, prefix="close", complete=selectors.progress(call).complete)
    if form.is_valid():
        try:
            services.merit_close(call=call, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The merit evaluation is closed; the final scores are fixed."))
            return redirect(reverse("chair:results", kwargs={"slug": call.slug}))
    return _progress_page(request, call, close_form=form)


# --- history -----------------------------------------------------------------------------------------


@_allowed(may_follow)
def history(request, call):
    points = sees_points(request.user, call)
    rows = history_rows(call, points=points)
    return render(request, "evaluation/chair/history.html", {
        "call": call, "events": rows, "points": points, **_navigation(request.user, call),
    })


# --- results -----------------------------------------------------------------------------------------


@dataclass
class ResultRow:
    position: int | None
    tied: bool
    result: MeritResult
    offerors: list[str]
    means: list[str | None]



@_allowed(may_see_results, stages=Call.MERIT_CLOSED_STAGES)
def results(request, call):
    fixed = selectors.results(call)
    criteria = selectors.criteria_of(call)
    rows = [
        ResultRow(position, tied, result, selectors.offerors_of(result.offer),
                  [result.criterion_means.get(c.code) for c in criteria])
        for (position, tied), result in zip(rules.positions([r.exact for r in fixed]), fixed)
    ]
    closed_at = max((r.closed_at for r in fixed), default=None)
    return render(request, "evaluation/chair/results.html", {
        "call": call, "rows": rows, "criteria": criteria,
        "closed_at": timezone.localtime(closed_at) if closed_at else None, **_navigation(request.user, call),
        # the signed protocol is read and printed from here: no other page links to it
        "may_read_protocol": may_read_protocol(request.user, call),
    })
