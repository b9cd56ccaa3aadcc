"""The ranking, the allocation walk and the authority's decision, on one page per call.

Once the chair closes the merit evaluation (call "scored"), a clerk proposes the allocation:
the ranking walked within each action's own budget. The page explains that walk step by
step, totals it per action and lists the grants; the authority changes amounts, then decides with
the order's number and date (the call becomes "decided"); afterwards only a correction with a
reason. A clerk publishes the results. Every change is in the history.

Who may look or act is decided in `awards.permissions`; everybody else gets 404. Every POST
calls one service of `awards.services`; a ValidationError re-renders the page (200) with the
error summary and every amount as typed.

A large call's page opens each action on its funding line and pages the rest (`awards.display`):
only the rows shown have inputs and are posted; the others keep their saved amounts, and every
total and check counts all of them.
"""
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import display, permissions, rules, selectors, services
from awards.forms import AmountsForm, CorrectionForm, DecisionForm
from awards.models import Decision, Grant
from competition import selectors as call_selectors
from competition.models import Call
from core.forms import add_service_errors, error_summary
from offers.models import Offer


def _allowed(check):
    """The call (scored, decided or closed) when `check(user, call)` holds; 404 otherwise."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, **kwargs):
            call = selectors.call_get_for_decision(slug=slug)
            if not check(request.user, call):
                raise Http404
            return view(request, call, **kwargs)

        return wrapper

    return decorator


def _url(call: Call, anchor: str = "", query: str = "") -> str:
    url = reverse("awards:decision", kwargs={"slug": call.slug}) + query
    return f"{url}#{anchor}" if anchor else url


# --- what the page shows ------------------------------------------------------------------------------


def _fresh_form(call: Call, decision: Decision, grants: list[Grant], fixed: list[Grant]) -> AmountsForm:
    form_class, prefix = (CorrectionForm, "correction") if decision.is_locked else (DecisionForm, "decision")
    return form_class(grants=grants, fixed=fixed, budgets=selectors.budgets_of(call), revision=decision.revision,
                      prefix=prefix)


def _page(request, call: Call, *, form: AmountsForm | None = None, errors=()):
    """The decision page; `form` is the authority's form as typed, `errors` a refused clerk's action."""
    decision = selectors.decision_of(call)
    user = request.user
    context = {
        "call": call, "decision": decision, "tie_break": selectors.tie_break_label(call),
        "can_propose": permissions.can_propose(user, call), "can_decide": permissions.can_decide(user, call),
        "can_publish": permissions.can_publish(user, call), "is_clerk": permissions.can_propose(user, call),
        "warnings": call_selectors.call_warnings(call),
    }
    summary = error_summary(form, extra=list(errors))
    if decision is not None:
        grants = list(selectors.grants_for_page(decision))
        parts = display.sections(call.actions.all(), grants, request.GET)
        expected = CorrectionForm if decision.is_locked else DecisionForm
        if context["can_decide"] and not isinstance(form, expected):
            # only the rows shown get an input; a form refused by a change of state: its errors are above
            form = _fresh_form(call, decision, *display.split(grants, parts))
        totals = selectors.action_totals(call, decision, grants)
        context.update(display.decision_rows(call, decision, grants, parts, form, request.GET))
        context.update({
            "totals": totals,
            "grand": {name: sum((getattr(t, name) for t in totals), rules.ZERO)
                      for name in ("budget", "requested", "proposed", "awarded", "left")},
            "checks": selectors.amount_checks(call, grants, form.typed() if form else {}),
            "form": form,
        })
        if decision.is_locked:
            negotiating = selectors.negotiations(decision)
            context["negotiations"] = negotiating
            context["waiting"] = sum(1 for o in negotiating if o.state == Offer.State.NEGOTIATION)
    context["errors"] = summary
    return render(request, "awards/decision.html", context)


# --- pages --------------------------------------------------------------------------------------------


@_allowed(permissions.can_view_decision)
def decision(request, call):
    return _page(request, call)


@_allowed(permissions.can_view_decision)
def history(request, call):
    return render(request, "awards/history.html", {
        "call": call, "is_clerk": permissions.can_propose(request.user, call), "events": selectors.award_history(call),
    })


# --- the clerks' actions ------------------------------------------------------------------------------


@_allowed(permissions.can_propose)
@require_POST
def propose(request, call):
    again = selectors.decision_of(call) is not None
    try:
        services.decision_propose(call=call, by=request.user)
    except ValidationError as exc:
        return _page(request, call, errors=exc.messages)
    if again:
        messages.success(request, _("The allocation is proposed again from the ranking; earlier changes of the "
                                    "amounts are replaced."))
    else:
        messages.success(request, _("The allocation is proposed. The authority can now change the amounts and decide."))
    return redirect(_url(call, "walk"))


@_allowed(permissions.can_publish)
@require_POST
def publish(request, call):
    try:
        services.results_publish(call=call, by=request.user)
    except ValidationError as exc:
        return _page(request, call, errors=exc.messages)
    messages.success(request, _("The results are published; the offerors are notified."))
    return redirect(_url(call))


# --- the authority's actions ------------------------------------------------------------------------------


def _decision_of(call: Call) -> Decision:
    decision = selectors.decision_of(call)
    if decision is None:
        raise Http404
    return decision


def _bound(form_class, request, decision: Decision, prefix: str, **kwargs) -> AmountsForm:
    """The form with an input for each amount posted (the rows the page showed); the others keep theirs."""
    shown, fixed = display.posted(list(selectors.grants_for_page(decision)), request.POST, prefix)
    return form_class(request.POST, grants=shown, fixed=fixed, budgets=selectors.budgets_of(decision.call),
                      revision=decision.revision, prefix=prefix, **kwargs)


@_allowed(permissions.can_decide)
@require_POST
def amounts(request, call):
    decision = _decision_of(call)
    form = _bound(DecisionForm, request, decision, "decision")
    if form.is_valid():
        try:
            services.decision_set_amounts(decision=decision, amounts=form.amounts(), reasons=form.reasons(),
                                          by=request.user, revision=form.cleaned_data["revision"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The amounts are saved. The decision is not made yet."))
            return redirect(_url(call, "grants", display.page_query(request.GET)))
    return _page(request, call, form=form)


@_allowed(permissions.can_decide)
@require_POST
def lock(request, call):
    decision = _decision_of(call)
    form = _bound(DecisionForm, request, decision, "decision", deciding=True)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.decision_lock(decision=decision, order_number=data["order_number"], order_date=data["order_date"],
                                   by=request.user, amounts=form.amounts(), reasons=form.reasons(),
                                   revision=data["revision"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The decision is made; the offerors are notified. From now on the amounts "
                                        "change only by a correction with a reason."))
            return redirect(_url(call))
    return _page(request, call, form=form)


@_allowed(permissions.can_decide)
@require_POST
def correct(request, call):
    decision = _decision_of(call)
    form = _bound(CorrectionForm, request, decision, "correction")
    if form.is_valid():
        try:
            services.decision_correct(decision=decision, amounts=form.amounts(), reasons=form.reasons(),
                                      reason=form.cleaned_data["reason"],
                                      by=request.user, revision=form.cleaned_data["revision"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The correction is saved with its reason."))
            return redirect(_url(call, "grants", display.page_query(request.GET)))
    return _page(request, call, form=form)


def decision_list(request):
    """The calls waiting for, or past, the authority's decision: the authority's way in (and the clerks')."""
    if not permissions.can_view_decisions(request.user):
        raise Http404
    return render(request, "awards/decision_list.html", {"rows": selectors.decision_list_rows(request.user)})
