"""The audit trail of an offer, for clerks (and administrators); everybody else 404."""
from django.http import Http404
from django.shortcuts import render

from accounts.permissions import is_clerk
from reports import selectors_audit


def offer_audit(request, pk: int):
    if not is_clerk(request.user):
        raise Http404
    offer = selectors_audit.offer_get_for_audit(pk=pk)
    return render(request, "reports/offer_audit.html", {"offer": offer, "call": offer.call,
                                                        "changes": selectors_audit.offer_audit(offer)})
