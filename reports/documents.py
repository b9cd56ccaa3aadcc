"""The published documents of a call as PDFs kept by the cache (`core.pdf.cache`): the results
announcement and the full ranking. Registered from `ReportsConfig.ready`, both built by the PDF
worker as soon as the results are published or corrected (`core.pdf.prebuild`, event "results").

The ranking prints, per offer, only the place, the number, the offerors, the title, the final
score, the grant requested and awarded, and why an offer got no grant or less than it asked for
(`awards.rules.public_reason`, as the results page and announcement say it): the criterion means stay on the public results page
and in the commission's protocol, the grants per action in the results announcement. It is
rendered in chunks of `RANKING_CHUNK_ROWS` rows (`core.pdf.chunks`: flat memory whatever the
number of offers)."""
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from competition import selectors_publication
from competition.models import Call, PublicationEntry
from core.pdf import registry
from core.pdf.registry import Source
from offers.documents import many_offers
from reports import selectors_results

RESULTS = "results"
RANKING = "ranking"
RANKING_CHUNK_ROWS = 150  # bench/RESULTS.md, "Ranking PDF in chunks": time and memory by chunk size

LEGAL_BASIS = "art. 15 ust. 2h–2j ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie"


@dataclass(frozen=True)
class RankingLine:
    """One row of the ranking PDF: what it prints of a ranked offer, nothing more."""

    position: int
    ex_aequo: bool
    broken_tie: bool
    number: str
    offerors: str
    title: str
    score: Decimal | None
    requested: Decimal
    awarded: Decimal
    reason: str = ""


def ranking_lines(rows: list[selectors_results.Row]) -> list[RankingLine]:
    zero = selectors_results.ZERO
    return [RankingLine(row.position, row.ex_aequo, row.broken_tie, row.offer.number, "; ".join(row.offerors),
                        row.offer.title, row.score, sum((a for a in row.requested if a is not None), zero),
                        row.awarded_total, row.reason) for row in rows]


def _results_source(call: Call, template: str, name: str) -> Source:
    with translation.override(settings.LANGUAGE_CODE):  # the reasons the selectors word: the document's language
        found = selectors_results.results_get(call)
        publication = selectors_publication.document_publication(call, PublicationEntry.Document.RESULTS)
    context = {"results": found, "call": call, "legal_basis": LEGAL_BASIS, "as_of": found.published_at,
               "publication": publication}
    return Source(template, context, f"{name}-{call.slug}.pdf")


def results_source(call: Call, subject: str = "") -> Source:
    return _results_source(call, "reports/results.html", "wyniki-konkursu")


def ranking_source(call: Call, subject: str = "") -> Source:
    source = _results_source(call, "reports/ranking.html", "ranking")
    source.rows = ranking_lines(source.context["results"].ranking)
    return source


def register_documents() -> None:
    registry.register(RESULTS, owner=Call, source=results_source, label=_("results announcement"),
                      is_large=many_offers, built_on=("results",))
    registry.register(RANKING, owner=Call, source=ranking_source, label=_("ranking"), is_large=many_offers,
                      chunk_rows=RANKING_CHUNK_ROWS, built_on=("results",))
