"""Public pages of calls. Anyone can read a published call; drafts are 404 for the public."""
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from competition import filters, selectors, selectors_publication
from competition.announcement import announced_rules
from competition.models import Call
from core.listing import build_listing
from core.replica import public_reads


@public_reads
def call_list(request):
    now = timezone.now()
    listing = build_listing(request.GET, selectors.call_list_for_public_page(now=now), filterset_class=filters.CallFilter,
                            sorts=filters.SORTS, default_sort=filters.DEFAULT_SORT, filterset_kwargs={"now": now})
    groups = selectors.group_by_phase(listing.rows, now)
    return render(request, "competition/call_list.html", {
        "groups": groups, "listing": listing, "now": now, "call_lang": _call_language(),
        # every section with its "none" line on the unfiltered first page; else only those with calls
        "whole": not listing.filtered and listing.page.number == 1})


@public_reads
def call_detail(request, slug):
    call = selectors.call_get_public(slug=slug)
    now = timezone.now()
    phase = _phase(call, now)
    events = selectors.call_public_events(call)
    return render(
        request,
        "competition/call_detail.html",
        {
            "call": call,
            "total_budget": selectors.call_total_budget(call),
            "announced": announced_rules(call),
            "publication": selectors_publication.publication_record(call, events),
            "events": [(event, selectors.state_label(event.to_state)) for event in events],
            "is_open": phase == "open",
            "phase": phase,
            "stage_label": _stage_label(call, phase),
            "now": now,
            "call_lang": _call_language(),
        },
    )


def _phase(call: Call, now) -> str:
    """Where the public stands, as the home page groups calls: open, upcoming or closed."""
    if call.is_open_for_submission(now):
        return "open"
    if call.state == Call.State.PUBLISHED and call.submission_deadline > now:
        return "upcoming"
    return "closed"


def _stage_label(call: Call, phase: str) -> str:
    """A published call whose deadline has passed is closed for submission even before the
    clerk records the next stage; say so rather than "accepting offers"."""
    if phase == "closed" and call.state == Call.State.PUBLISHED:
        return Call.State.SUBMISSION_CLOSED.label
    return call.get_state_display()


def _call_language() -> str:
    """The language calls are written in: the portal's own. Pages in another UI language mark
    the call's text with it (WCAG 3.1.2, language of parts)."""
    return settings.LANGUAGE_CODE
