"""Public pages of calls. Anyone can read a published call; drafts are 404 for the public."""
from django.shortcuts import render
from django.utils import timezone

from competition import selectors


def call_list(request):
    groups = selectors.call_list_public()
    return render(request, "competition/call_list.html", {"groups": groups, "now": timezone.now()})


def call_detail(request, slug):
    call = selectors.call_get_public(slug=slug)
    return render(
        request,
        "competition/call_detail.html",
        {
            "call": call,
            "total_budget": selectors.call_total_budget(call),
            "events": selectors.call_public_events(call),
            "is_open": call.is_open_for_submission(timezone.now()),
            "now": timezone.now(),
        },
    )
