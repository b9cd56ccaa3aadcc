"""The audit trail of an offer, for the clerks of its call's authority (and administrators);
everybody else 404."""
from django.http import Http404
from django.shortcuts import render

from accounts.permissions import is_clerk
from authorities.permissions import is_clerk_of
from core.listing import build_row_listing
from reports import audit_filters, selectors_audit


def offer_audit(request, pk: int):
    if not is_clerk(request.user):
        raise Http404
    offer = selectors_audit.offer_get_for_audit(pk=pk)
    if not is_clerk_of(request.user, offer):
        raise Http404
    listing = build_row_listing(request.GET, selectors_audit.offer_audit(offer), form_class=audit_filters.AuditFilterForm,
                                keep=audit_filters.keep, sorts=audit_filters.SORTS,
                                default_sort=audit_filters.DEFAULT_SORT)
    return render(request, "reports/offer_audit.html", {"offer": offer, "call": offer.call, "listing": listing,
                                                        "changes": listing.rows})
