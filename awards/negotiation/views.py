"""The negotiation of lower grants: the applicant's resignation, and the re-allocation of the
money freed by resignations (the authority confirms the re-run of the walk).

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
from awards.negotiation import selectors as negotiation_selectors
from awards.negotiation import services
from competition.models import Call
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
