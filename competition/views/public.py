"""Public pages of calls. Anyone can read a published call; drafts are 404 for the public."""
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from competition import filters, selectors, selectors_authority, selectors_publication
from competition.announcement import announced_rules
from competition.models import Call
from core.listing import build_listing
from core.replica import public_reads


@public_reads
def call_list(request):
    """The installation's home page: the authorities and every public call, filtered by text,
    stage, authority, field and deadline. On an authority's own domain: that authority's page."""
    if getattr(request, "authority_domain", False):
        return authority_home(request, authority=request.authority.slug)
    now = timezone.now()
    authorities = selectors_authority.authority_list_for_home(now=now)
    kwargs = {"now": now, "authorities": selectors_authority.authority_choices(authorities),
              "fields": selectors_authority.task_field_choices()}
    listing = build_listing(request.GET, selectors.call_list_for_public_page(now=now), filterset_class=filters.CallFilter,
                            sorts=filters.SORTS, default_sort=filters.DEFAULT_SORT, filterset_kwargs=kwargs)
    return render(request, "competition/call_list.html", {
        **_groups(listing, now), "authorities": authorities if len(authorities) > 1 else []})


@public_reads
def authority_home(request, authority):
    """One authority's page (`/<authority>/`, or its own domain's `/`): its calls, open and past,
    and how to reach its office. `request.authority` was found by `authorities.middleware`."""
    now = timezone.now()
    calls = selectors.call_list_for_public_page(now=now).filter(authority=request.authority)
    kwargs = {"now": now, "fields": selectors_authority.task_field_choices(authority=request.authority)}
    listing = build_listing(request.GET, calls, filterset_class=filters.CallFilter, sorts=filters.SORTS,
                            default_sort=filters.DEFAULT_SORT, filterset_kwargs=kwargs)
    return render(request, "competition/authority_home.html", {**_groups(listing, now), "authority": request.authority,
                                                                "header_authority": request.authority})


def _groups(listing, now) -> dict:
    return {"groups": selectors.group_by_phase(listing.rows, now), "listing": listing, "now": now,
            "call_lang": _call_language(),
            # every section with its "none" line on the unfiltered first page; else only those with calls
            "whole": not listing.filtered and listing.page.number == 1}


@public_reads
def authority_call_detail(request, authority, slug):
    """A call at its authority's address; under another authority's address it is 404."""
    return _call_page(request, selectors.call_get_public(slug=slug, authority=request.authority))


@public_reads
def call_detail(request, slug):
    return _call_page(request, selectors.call_get_public(slug=slug))


def _call_page(request, call: Call):
    now = timezone.now()
    phase = _phase(call, now)
    events = selectors.call_public_events(call)
    return render(
        request,
        "competition/call_detail.html",
        {
            "call": call,
            "header_authority": call.authority,  # the page is the authority's: its name in the header
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
