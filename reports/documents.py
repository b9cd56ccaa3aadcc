"""The published documents of a call as PDFs kept by the cache (`core.pdf.cache`): the results
announcement and the full ranking. Registered from `ReportsConfig.ready`."""
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from competition.models import Call
from core.pdf import registry
from core.pdf.registry import Source
from offers.documents import many_offers
from reports import selectors_results

RESULTS = "results"
RANKING = "ranking"

LEGAL_BASIS = "art. 15 ust. 2h–2j ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie"


def _results_source(call: Call, template: str, name: str) -> Source:
    with translation.override(settings.LANGUAGE_CODE):  # the reasons the selectors word: the document's language
        found = selectors_results.results_get(call)
    context = {"results": found, "call": call, "legal_basis": LEGAL_BASIS, "as_of": found.published_at}
    return Source(template, context, f"{name}-{call.slug}.pdf")


def results_source(call: Call, subject: str = "") -> Source:
    return _results_source(call, "reports/results.html", "wyniki-konkursu")


def ranking_source(call: Call, subject: str = "") -> Source:
    return _results_source(call, "reports/ranking.html", "ranking")


def register_documents() -> None:
    registry.register(RESULTS, owner=Call, source=results_source, label=_("results announcement"),
                      is_large=many_offers)
    registry.register(RANKING, owner=Call, source=ranking_source, label=_("ranking"), is_large=many_offers)
