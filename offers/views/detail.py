"""The offer's overview, and submitting or withdrawing it."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.middleware import arrived_at
from offers import permissions, rules, selectors, selectors_costs, services
from offers.models import Offer
from offers.views.common import _login_required, _nav


@_login_required()
def offer_detail(request, pk):
    offer = selectors.offer_get_for_user(pk=pk, user=request.user)
    return _render_detail(request, offer)


def _render_detail(request, offer: Offer, *, submit_errors=(), status: int = 200):
    now = timezone.now()
    problems = selectors.offer_problems(offer)
    correction = permissions.open_correction(offer)
    context = {
        "offer": offer,
        "call": offer.call,
        "nav": _nav(offer, "", problems),
        "problems": problems,
        # Only an offer that can still be (re)submitted has a checklist; a submitted one says so instead.
        "show_checklist": offer.state in (Offer.State.DRAFT, Offer.State.WITHDRAWN, Offer.State.RETURNED,
                                          Offer.State.NEGOTIATION),
        "submit_errors": submit_errors,
        "closed": "" if offer.state == Offer.State.SUBMITTED and not permissions.submission_closed_error(offer.call, now)
        else permissions.submit_error(offer, now),
        "correction": correction,
        "correction_sections": [(s, rules.SECTION_LABELS.get(s, s)) for s in getattr(correction, "sections", [])],
        "totals": selectors_costs.cost_table(offer),
        "negotiation": selectors.negotiation_rows(offer),
        "negotiation_sections": [(s, rules.SECTION_LABELS[s]) for s in permissions.NEGOTIATION_SECTIONS],
        "versions": selectors.offer_versions_newest_first(offer),
        "offerors": selectors.offerors(offer),
        "pending_partners": selectors.pending_partners(offer),
        "events": selectors.offer_recent_events(offer),
    }
    return render(request, "offers/offer_detail.html", context, status=status)


@_login_required()
@require_POST
def offer_submit(request, pk):
    """Only the offer's row is read here: the service reads the rest under its lock. A repeated
    submission of the revision the page showed (a second click, a browser posting again after a
    lost answer) is answered as the first one was, with its version and control sum."""
    offer = selectors.offer_get_scoped(pk=pk, user=request.user)
    negotiating = offer.state == Offer.State.NEGOTIATION
    revision = request.POST.get("revision", "")
    try:
        version = services.offer_submit(offer=offer, by=request.user, now=arrived_at(request),
                                        revision=int(revision) if revision.isdigit() else None)
    except services.OfferAlreadySubmitted as exc:
        messages.success(request, _("The offer had already been submitted, at %(time)s (version %(number)s, control "
                                    "sum %(checksum)s); it was not submitted again.")
                         % {"time": timezone.localtime(exc.version.submitted_at).strftime("%d.%m.%Y %H:%M:%S"),
                            "number": exc.version.number, "checksum": exc.version.short_checksum})
        return redirect(offer)
    except ValidationError as exc:
        return _render_detail(request, selectors.offer_get_for_user(pk=pk, user=request.user),
                              submit_errors=exc.messages)
    if negotiating:
        messages.success(request, _("The updated offer was submitted (version %(number)s, control sum %(checksum)s): "
                                    "the lower grant is accepted, and the contract will follow this version.")
                         % {"number": version.number, "checksum": version.short_checksum})
        return redirect(offer)
    messages.success(request, _("The offer was submitted (version %(number)s). Its control sum is %(checksum)s: print "
                                "the submission confirmation, which carries it, and have it signed.")
                     % {"number": version.number, "checksum": version.short_checksum})
    return redirect("offers:offer_next_steps", pk=offer.pk)


@_login_required()
@require_POST
def offer_withdraw(request, pk):
    offer = selectors.offer_get_for_user(pk=pk, user=request.user)
    try:
        services.offer_withdraw(offer=offer, by=request.user, now=arrived_at(request))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The offer was withdrawn. You can change it and submit it again before the deadline."))
    return redirect(offer)
