"""The negotiation of lower grants: the applicant's resignation (from a lower grant, or from any
grant awarded, before the contract), a clerk's extension of the deadline to answer, and the
re-allocation of the money freed by resignations (the authority confirms the re-run of the walk).

The applicant's acceptance is the submission of the updated offer (`offers.views.offer_submit`).
Who may do what: the offer's members resign (objects looked up through the selectors scoped to
the user, 404 otherwise); clerks, the authority and administrators see the re-allocation, the authority
and administrators confirm it.
"""
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import permissions, selectors
from awards.negotiation import forms
from awards.negotiation import selectors as negotiation_selectors
from awards.negotiation import services
from competition.models import Call
from core.forms import add_service_errors, error_summary
from offers import selectors as offer_selectors


@require_POST
def withdraw(request, pk):
    if not request.user.is_authenticated:
        raise Http404
    offer = offer_selectors.offer_get_for_user(pk=pk, user=request.user)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box confirming that the offer then gets no grant, to resign from it."))
        return redirect(offer)
    try:
        services.negotiation_withdraw(offer=offer, by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("You resigned from the grant. The office and the authority are informed by the "
                                    "portal; the money may be offered to the next offers in the ranking."))
    return redirect(offer)


def award_withdraw(request, pk):
    """The offeror gives up the grant awarded (full or lower) before the contract: the grant per
    action, what follows, a required reason and a confirmation."""
    if not request.user.is_authenticated:
        raise Http404
    offer = offer_selectors.offer_get_for_user(pk=pk, user=request.user)
    decision = selectors.decision_of(offer.call)
    error = services.withdrawal_error(offer, decision)
    form = forms.WithdrawForm(request.POST or None)
    if request.method == "POST" and not error and form.is_valid():
        try:
            services.award_withdraw(offer=offer, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("You resigned from the grant. The office and the authority are informed by "
                                        "the portal; the money may be offered to the next offers in the ranking."))
            return redirect(offer)
    return render(request, "awards/withdraw.html", {
        "offer": offer, "call": offer.call, "form": form, "error": error, "errors": error_summary(form),
        "grants": negotiation_selectors.offer_grants(offer, decision)})


def negotiation_extend(request, slug, offer_pk):
    """A clerk moves the deadline to answer a lower grant later; the offerors are notified."""
    call = _call(request, slug, permissions.can_view_decision)
    offer = negotiation_selectors.negotiating_offer(call, offer_pk)
    if not permissions.can_extend_negotiation(request.user, offer):
        raise Http404
    form = forms.ExtendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.negotiation_extend(offer=offer, until=form.cleaned_data["until"], by=request.user,
                                        reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The deadline for offer %(number)s is extended; the offerors are notified.")
                             % {"number": offer.number})
            return redirect(reverse("negotiation:reallocation", kwargs={"slug": call.slug}))
    return render(request, "awards/negotiation_extend.html", {
        "call": call, "offer": offer, "form": form, "errors": error_summary(form),
        "here": _("Extend the deadline to answer")})


def _call(request, slug: str, check) -> Call:
    call = selectors.call_get_for_decision(slug=slug)
    if not check(request.user, call):
        raise Http404
    return call


def _page(request, call: Call, *, errors=(), status: int = 200):
    decision = selectors.decision_of(call)
    if decision is None or not decision.is_locked:
        raise Http404
    walk = selectors.reallocation(decision)
    steps = negotiation_selectors.reallocation_steps(call, walk)
    extra = sum((s.granted for s in steps), Decimal("0.00"))
    return render(request, "awards/reallocation.html", {
        "call": call, "decision": decision, "steps": steps, "extra": extra,
        "left": sorted(walk.left.items()), "negotiations": selectors.negotiations(decision),
        "passed_over": negotiation_selectors.passed_over(walk.passed_over),
        "error": services.reallocation_error(call, decision),
        "can_decide": permissions.can_decide(request.user, call), "is_clerk": permissions.can_propose(request.user, call),
        "errors": list(errors), "here": _("Lower grants and re-allocation"),
    }, status=status)


def reallocation(request, slug):
    call = _call(request, slug, permissions.can_view_decision)
    return _page(request, call)


@require_POST
def reallocation_confirm(request, slug):
    call = _call(request, slug, permissions.can_decide)
    decision = selectors.decision_of(call)
    if decision is None:
        raise Http404
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = -1
    try:
        changes = services.reallocation_confirm(decision=decision, by=request.user, revision=revision)
    except ValidationError as exc:
        return _page(request, call, errors=exc.messages)
    messages.success(request, _("The freed money is re-allocated (%(count)s grants changed); the offerors are "
                                "notified.") % {"count": len(changes)})
    return redirect(reverse("negotiation:reallocation", kwargs={"slug": call.slug}))
