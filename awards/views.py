"""The ranking, the allocation walk and the Mayor's decision, on one page per call.

Once the chair closes the merit evaluation (call "scored"), a clerk proposes the allocation:
the ranking walked within each action's own budget. The page explains that walk step by
step, totals it per action and lists the grants; the Mayor changes amounts, then decides with
the order's number and date (the call becomes "decided"); afterwards only a correction with a
reason. A clerk publishes the results. Every change is in the history.

Who may look or act is decided in `awards.permissions`; everybody else gets 404. Every POST
calls one service of `awards.services`; a ValidationError re-renders the page (200) with the
error summary and every amount as typed.
"""
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from awards import permissions, rules, selectors, services
from awards.forms import AmountsForm, CorrectionForm, DecisionForm
from awards.models import AwardEvent, Decision, Grant
from competition.models import Call
from core.forms import add_service_errors, error_summary
from core.money import format_amount, format_money
from evaluation.models import MeritResult
from evaluation.merit.selectors import offerors_of
from offers.models import Offer


# What each step of the walk did, in words (the codes come from `rules.allocate`).
OUTCOMES = {
    "full": gettext_lazy("granted in full"),
    "partial": gettext_lazy("granted in part: the remainder of the action's budget"),
    "exhausted": gettext_lazy("nothing granted: the action's budget is exhausted"),
    "not_recommended": gettext_lazy("nothing granted: the offer is not recommended"),
    "tie": gettext_lazy("tie: offers sharing this place ask for more than is left — the Mayor decides"),
}


def _allowed(check):
    """The call (scored, decided or closed) when `check(user)` holds; 404 otherwise."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, slug, **kwargs):
            call = get_object_or_404(Call, slug=slug, state__in=Call.MERIT_CLOSED_STAGES)
            if not check(request.user):
                raise Http404
            return view(request, call, **kwargs)

        return wrapper

    return decorator


def _url(call: Call, anchor: str = "") -> str:
    url = reverse("awards:decision", kwargs={"slug": call.slug})
    return f"{url}#{anchor}" if anchor else url


# --- what the page shows ------------------------------------------------------------------------------


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

    @property
    def left_after(self) -> Decimal:
        return self.left_before - self.granted


@dataclass
class Check:
    """One action's total of the amounts as typed, against its budget."""

    code: str
    title: str
    budget: Decimal
    total: Decimal
    unreadable: bool

    @property
    def left(self) -> Decimal:
        return self.budget - self.total

    @property
    def over(self) -> bool:
        return self.total > self.budget

    @property
    def excess(self) -> Decimal:
        return self.total - self.budget


def _offers(call: Call) -> dict[int, Offer]:
    offers = (Offer.objects.filter(call=call, merit_result__isnull=False)
              .select_related("organisation").prefetch_related("partners__organisation"))
    return {o.pk: o for o in offers}


def _ranking(call: Call, offers: dict[int, Offer]) -> list[RankRow]:
    scores = dict(MeritResult.objects.filter(offer__call=call).values_list("offer_id", "score"))
    return [RankRow(place, offers[place.candidate.offer_pk], offerors_of(offers[place.candidate.offer_pk]),
                    scores.get(place.candidate.offer_pk))
            for place in selectors.ranking(call) if place.candidate.offer_pk in offers]


def _steps(decision: Decision, offers: dict[int, Offer]) -> list[StepRow]:
    by_number = {o.number: o for o in offers.values()}
    return [StepRow(s["position"], by_number.get(s["offer"]), s["offer"], s["action"], Decimal(s["requested"]),
                    Decimal(s["left_before"]), Decimal(s["granted"]), s["outcome"],
                    str(OUTCOMES.get(s["outcome"], s["outcome"])))
            for s in decision.steps or []]


def _checks(call: Call, grants: list[Grant], typed: dict[int, str]) -> list[Check]:
    checks = []
    for action in call.actions.all():
        values = [rules.parse_amount(typed.get(g.pk)) for g in grants if g.action_id == action.pk]
        total = sum((v for v in values if v is not None), rules.ZERO)
        checks.append(Check(action.code, action.title, action.budget, total, any(v is None for v in values)))
    return checks


def _tie_break(call: Call) -> str:
    label = call.get_tie_break_display()
    if call.tie_break == rules.CRITERION and call.tie_break_criterion:
        label = _("%(rule)s (criterion %(code)s)") % {"rule": label, "code": call.tie_break_criterion}
    return label


def _fresh_form(call: Call, decision: Decision, grants: list[Grant]) -> AmountsForm:
    form_class, prefix = (CorrectionForm, "correction") if decision.is_locked else (DecisionForm, "decision")
    return form_class(grants=grants, budgets=selectors.budgets_of(call), revision=decision.revision, prefix=prefix)


def _page(request, call: Call, *, form: AmountsForm | None = None, errors=()):
    """The decision page; `form` is the Mayor's form as typed, `errors` a refused clerk's action."""
    decision = selectors.decision_of(call)
    user = request.user
    context = {
        "call": call, "decision": decision, "tie_break": _tie_break(call),
        "can_propose": permissions.can_propose(user), "can_decide": permissions.can_decide(user),
        "can_publish": permissions.can_publish(user), "is_clerk": permissions.can_propose(user),
    }
    summary = error_summary(form, extra=list(errors))
    if decision is not None:
        offers = _offers(call)
        grants = list(selectors.grants_of(decision))
        expected = CorrectionForm if decision.is_locked else DecisionForm
        if context["can_decide"] and not isinstance(form, expected):
            form = _fresh_form(call, decision, grants)  # a form refused by a change of state: its errors are above
        typed = form.typed() if form else {g.pk: format_amount(g.awarded) for g in grants}
        totals = selectors.action_totals(call, decision)
        context.update({
            "ranking": _ranking(call, offers),
            "steps": _steps(decision, offers),
            "totals": totals,
            "grand": {name: sum((getattr(t, name) for t in totals), rules.ZERO)
                      for name in ("budget", "requested", "proposed", "awarded", "left")},
            "rows": form.rows() if form else [(g, None) for g in grants],
            "checks": _checks(call, grants, typed),
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


def _event_details(event: AwardEvent) -> list[tuple[str, str]]:
    """An event's details as (label, text), the amounts the Polish way."""
    d = event.details or {}
    shown = []
    if d.get("order_number"):
        when = date.fromisoformat(d["order_date"]).strftime("%d.%m.%Y") if d.get("order_date") else ""
        shown.append((_("Mayor's order"), _("no. %(number)s of %(date)s") % {"number": d["order_number"],
                                                                           "date": when}))
    changes = d.get("changes") or {}
    if changes:
        lines = []
        for key, (old, new) in changes.items():
            number, _sep, code = key.rpartition("/")
            place = _("offer %(offer)s, action %(action)s") % {"offer": number, "action": code}
            lines.append(f"{place}: {format_money(old)} → {format_money(new)}")
        shown.append((_("Amounts changed"), "; ".join(lines)))
    if d.get("offer"):
        shown.append((_("Offer"), d["offer"]))
    for key, label in (("fixed", _("Grant to accept")), ("freed", _("Money freed"))):
        if d.get(key):
            shown.append((label, "; ".join(f"{code}: {format_money(v)}" for code, v in sorted(d[key].items()))))
    if d.get("until"):
        shown.append((_("Answer by"), timezone.localtime(datetime.fromisoformat(d["until"])).strftime("%d.%m.%Y %H:%M")))
    if d.get("version"):
        shown.append((_("Updated offer"), _("version %(number)s") % {"number": d["version"]}))
    if d.get("total"):
        shown.append((_("Total awarded"), format_money(d["total"])))
    if d.get("left"):
        shown.append((_("Left in the actions' budgets"),
                      "; ".join(f"{code}: {format_money(value)}" for code, value in sorted(d["left"].items()))))
    return shown


@_allowed(permissions.can_view_decision)
def history(request, call):
    events = AwardEvent.objects.filter(call=call).select_related("by").order_by("-at", "-pk")
    return render(request, "awards/history.html", {
        "call": call, "is_clerk": permissions.can_propose(request.user),
        "events": [{"event": e, "details": _event_details(e)} for e in events],
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
        messages.success(request, _("The allocation is proposed. The Mayor can now change the amounts and decide."))
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


# --- the Mayor's actions ------------------------------------------------------------------------------


def _decision_of(call: Call) -> Decision:
    decision = selectors.decision_of(call)
    if decision is None:
        raise Http404
    return decision


def _bound(form_class, request, decision: Decision, prefix: str, **kwargs) -> AmountsForm:
    return form_class(request.POST, grants=list(selectors.grants_of(decision)),
                      budgets=selectors.budgets_of(decision.call), revision=decision.revision, prefix=prefix, **kwargs)


@_allowed(permissions.can_decide)
@require_POST
def amounts(request, call):
    decision = _decision_of(call)
    form = _bound(DecisionForm, request, decision, "decision")
    if form.is_valid():
        try:
            services.decision_set_amounts(decision=decision, amounts=form.amounts(), by=request.user,
                                          revision=form.cleaned_data["revision"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The amounts are saved. The decision is not made yet."))
            return redirect(_url(call, "grants"))
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
                                   by=request.user, amounts=form.amounts(), revision=data["revision"])
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
            services.decision_correct(decision=decision, amounts=form.amounts(), reason=form.cleaned_data["reason"],
                                      by=request.user, revision=form.cleaned_data["revision"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The correction is saved with its reason."))
            return redirect(_url(call, "grants"))
    return _page(request, call, form=form)


def decision_list(request):
    """The calls waiting for, or past, the Mayor's decision: the Mayor's way in (and the clerks')."""
    if not permissions.can_view_decision(request.user):
        raise Http404
    calls = (Call.objects.filter(state__in=Call.MERIT_CLOSED_STAGES).select_related("decision")
             .order_by("-submission_deadline", "title"))
    rows = [{"call": call, "decision": getattr(call, "decision", None)} for call in calls]
    return render(request, "awards/decision_list.html", {"rows": rows})
