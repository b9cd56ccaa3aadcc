"""Publication of a call's results (art. 15 ust. 2h–2j of the Act): a public page, the results
announcement as a PDF ready for BIP, and the full ranking as a PDF, each with the statistics
the portal publishes about the call.

All three exist only once a clerk has published the results of the Mayor's locked decision;
before that they are 404. For an annulled call the page points to the annulment notice
instead (art. 18a). Nothing is stored for these documents, and they print no "now": the same
stored data gives the same document.
"""
from django.conf import settings
from django.shortcuts import render
from django.utils import translation

from competition.models import Call
from reports import selectors_results as selectors
from reports.pdf import render_pdf
from reports.views import pdf_response

LEGAL_BASIS = "art. 15 ust. 2h–2j ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie"


def results(request, slug):
    call = selectors.call_get_public(slug=slug)
    context = {"call": call, "call_lang": settings.LANGUAGE_CODE}
    if call.state == Call.State.ANNULLED:
        return render(request, "competition/results.html", {**context, "annulled": True})
    context["results"] = selectors.results_get(call)
    return render(request, "competition/results.html", context)


def _pdf(slug: str, template: str, filename: str):
    """The documents are Polish legal texts: the reasons the selectors word are read in the
    portal's language too, whatever the reader's interface language is."""
    call = selectors.call_get_public(slug=slug)
    with translation.override(settings.LANGUAGE_CODE):
        found = selectors.results_get(call)
    content = render_pdf(template, {"results": found, "call": call, "legal_basis": LEGAL_BASIS})
    return pdf_response(content, f"{filename}-{call.slug}.pdf")


def results_pdf(request, slug):
    return _pdf(slug, "reports/results.html", "wyniki-konkursu")


def ranking_pdf(request, slug):
    return _pdf(slug, "reports/ranking.html", "ranking")
