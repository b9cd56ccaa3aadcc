""""Co dalej": what an applicant does after submitting an offer, and what the office does then."""
from django.shortcuts import redirect, render

from offers import selectors
from offers.models import Offer
from offers.views.common import _login_required


@_login_required()
def offer_next_steps(request, pk):
    """The confirmation to deliver (printed and signed, or signed electronically), by when and where,
    all read from the call; then the stages that follow. An offer not standing as submitted has no
    next steps yet: its overview says what is missing."""
    offer = selectors.offer_get_for_user(pk=pk, user=request.user)
    current = next((v for v in selectors.offer_versions_newest_first(offer) if v.withdrawn_at is None), None)
    if offer.state != Offer.State.SUBMITTED or current is None:
        return redirect(offer)
    return render(request, "offers/offer_next_steps.html", {
        "offer": offer,
        "call": offer.call,
        "version": current,
        "offerors": selectors.offerors(offer),
    })
