"""The clerk's log of the outbox: what the portal sent, is about to send, or failed to send."""
from django.shortcuts import render

from accounts.decorators import clerk_required
from core.listing import build_listing
from notifications import filters, selectors


@clerk_required
def outbox_list(request):
    """The messages, newest due first, searched, filtered (?state=failed), sorted and paged."""
    listing = build_listing(request.GET, selectors.outbox_list(request.user), filterset_class=filters.OutboxFilter,
                            sorts=filters.SORTS, default_sort=filters.DEFAULT_SORT)
    return render(request, "notifications/outbox_list.html", {"listing": listing})
