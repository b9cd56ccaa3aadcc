"""Publication of a call's results (art. 15 ust. 2h–2j of the Act): a public page, the results
announcement as a PDF ready for BIP, and the full ranking as a PDF, each with the statistics
the portal publishes about the call.

All three exist only once a clerk has published the results of the authority's locked decision;
before that they are 404. For an annulled call the page points to the annulment notice
instead (art. 18a). The page's body is rendered once per version of the results and language and
served from the cache (`reports.results_page`). The PDFs print no "now": the same stored data
gives the same document, kept until the data change (`core.pdf.cache`).
"""
from django.conf import settings
from django.shortcuts import render

from competition.models import Call
from core.replica import public_reads
from core.pdf.serve import respond
from reports import documents, results_page
from reports import selectors_results as selectors


@public_reads
def results(request, slug):
    call = selectors.call_get_public(slug=slug)
    context = {"call": call, "call_lang": settings.LANGUAGE_CODE}
    if call.state == Call.State.ANNULLED:
        return render(request, "competition/results.html", {**context, "annulled": True})
    context["body"] = results_page.body(call)
    return render(request, "competition/results.html", context)


def _pdf(request, slug: str, kind: str):
    """The documents are Polish legal texts, rendered from stored data and kept until it changes
    (`core.pdf.cache`); 404 until the results are published, like the page."""
    call = selectors.call_get_public(slug=slug)
    return respond(request, kind, call)  # its source reads the published results, or 404


def results_pdf(request, slug):
    return _pdf(request, slug, documents.RESULTS)


def ranking_pdf(request, slug):
    return _pdf(request, slug, documents.RANKING)
