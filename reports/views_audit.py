"""The audit trail of an offer, for clerks (and administrators); everybody else 404."""
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from accounts.permissions import is_clerk
from offers.models import Offer
from reports import selectors_audit


def offer_audit(request, pk: int):
    if not is_clerk(request.user):
        raise Http404
    offer = get_object_or_404(Offer.objects.select_related("call", "organisation").exclude(number=""), pk=pk)
    return render(request, "reports/offer_audit.html", {"offer": offer, "call": offer.call,
                                                        "changes": selectors_audit.offer_audit(offer)})
