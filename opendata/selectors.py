"""Reads for the open data: only what the public pages show.

A call is public past its draft (`Call.objects.public()`); its results are public once a clerk
has published the authority's locked decision and the call is not annulled
(`reports.selectors_results.decision_published`, which `published_calls` repeats as a query so
that lists and feeds can filter on it; opendata/tests/test_selectors.py holds the two together).
The results themselves always come from `reports.selectors_results.results_get`.
"""
from django.db.models import Sum
from django.http import Http404

from awards.models import Decision
from competition.models import Call
from reports import selectors_results as results_selectors
from reports.selectors_results import Results

FEED_ITEMS = 50


def calls_public():
    """Every public call, newest announcement first, with its decision and its budget in total."""
    return (Call.objects.public().select_related("decision", "authority").annotate(budget=Sum("actions__budget"))
            .order_by("-announcement_date", "-pk"))


def published_calls():
    """Public calls whose results are published: the same condition as `decision_published`."""
    return (Call.objects.public().exclude(state=Call.State.ANNULLED)
            .filter(results_published_at__isnull=False, decision__state=Decision.State.LOCKED)
            .select_related("decision", "authority"))


def call_get(*, slug: str) -> Call:
    """A public call by its slug; 404 for a draft or an unknown slug."""
    return results_selectors.call_get_public(slug=slug)


def results_of(call: Call) -> Results:
    """The published results of a call; 404 before publication or for an annulled call."""
    if call.state == Call.State.ANNULLED:
        raise Http404("An annulled call has no results.")
    return results_selectors.results_get(call)


def results_version(call: Call) -> str:
    """What a file of the call's results depends on (404 before publication)."""
    return results_selectors.results_version(call, results_selectors.decision_published(call))


def results_of_year(year: int) -> list[Results]:
    """The published results of every call decided (the authority's order dated) in `year`."""
    calls = published_calls().filter(decision__order_date__year=year).order_by("decision__order_date", "pk")
    return [results_selectors.results_get(call) for call in calls]


def results_of_calls(calls) -> list[Results]:
    """The published results of each of `calls` (a filtered `published_calls()`), oldest decision first."""
    return [results_selectors.results_get(call) for call in calls.order_by("decision__order_date", "pk")]


def announcements_feed():
    """The latest announced calls, newest first."""
    return list(Call.objects.public().select_related("authority").exclude(published_at=None).order_by("-published_at", "-pk")[:FEED_ITEMS])


def results_feed():
    """The latest published results, newest first."""
    return list(published_calls().order_by("-results_published_at", "-pk")[:FEED_ITEMS])
