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

The reason forms are in `evaluation.merit.forms`; what the pages show (the matrix's cells and
rows, the conflicts, the counters, the ranked results) is shaped in `evaluation.merit.display.chair`.
"""
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from authorities.permissions import is_clerk_of
from competition.models import Call
from core.forms import add_service_errors, error_summary
from evaluation.merit import rules
from evaluation.merit import selectors
from evaluation.merit import services
from evaluation.merit.display import chair as display
from evaluation.merit.forms import CloseForm, ReasonForm, lift_form, reopen_form
from evaluation.merit.history import history_rows
from evaluation.merit.permissions import may_act_as_chair, may_follow, may_read_protocol, may_see_results, seat_of, sees_points


# --- who may look ------------------------------------------------------------------------------------


def _navigation(user, call: Call) -> dict[str, bool]:
    """What the breadcrumb and the links may offer this viewer."""
    return {"is_clerk": is_clerk_of(user, call), "has_seat": seat_of(user, call) is not None,
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


# --- the progress page -------------------------------------------------------------------------------


def _progress_page(request, call: Call, *, bound: ReasonForm | None = None, close_form: CloseForm | None = None):
    state = selectors.progress(call)
    chair = selectors.is_chair(request.user, call) and call.state == Call.State.MERIT_EVALUATION
    points = sees_points(request.user, call)
    close_form = close_form or CloseForm(prefix="close", complete=state.complete)
    rows = display.rows(state, points=points, chair=chair, bound=bound)
    conflicts = display.conflicts(state, chair=chair, bound=bound)
    placed = any(cv.form is bound for rv in rows for cv in rv.cells) or any(c["form"] is bound for c in conflicts)
    return render(request, "evaluation/chair/progress.html", {
        "call": call,
        "progress": state,
        "rows": rows,
        "conflicts": conflicts,
        # A refused form whose sheet or conflict no longer offers it: shown apart, so the text typed is kept.
        "stray": {"form": bound, "action": request.path} if bound is not None and not placed else None,
        "counters": display.counters(state),
        "points": points,
        "chair": chair,
        "close_form": close_form,
        "outlier_points": rules.two_places(display.OUTLIER_SHARE * display.max_points(call, state.criteria)),
        "outlier_share": f"{rules.two_places(display.OUTLIER_SHARE * 100).normalize():f}%",
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
    form = lift_form(declaration, request.POST)
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
    form = reopen_form(sheet, sheet.member, sheet.offer, request.POST)
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


@_allowed(may_see_results, stages=Call.MERIT_CLOSED_STAGES)
def results(request, call):
    fixed = selectors.results(call)
    criteria = selectors.criteria_of(call)
    rows = display.result_rows(fixed, criteria)
    closed_at = max((r.closed_at for r in fixed), default=None)
    return render(request, "evaluation/chair/results.html", {
        "call": call, "rows": rows, "criteria": criteria,
        "closed_at": timezone.localtime(closed_at) if closed_at else None, **_navigation(request.user, call),
        # the signed protocol is read and printed from here: no other page links to it
        "may_read_protocol": may_read_protocol(request.user, call),
    })
