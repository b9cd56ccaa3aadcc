"""The open-data files of a call's results and of a year's grants, built from the published
results and kept in the "rendered" cache per version of the results (as the results page is:
`reports.results_page`), so a download and the size shown beside its link cost one build per
version. The files are written in the portal's language whatever the visitor's: a stable address
gives the same file to everyone. A cache that fails is a miss, never an error.
"""
import logging

from django.conf import settings
from django.core.cache import caches
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from competition.models import Call
from opendata import formats, selectors, tables
from opendata.rules import FORMATS
from reports.results_page import CACHE, CACHE_ERRORS, TIMEOUT

logger = logging.getLogger(__name__)

RESULTS, RANKING = "results", "ranking"
KINDS = (RESULTS, RANKING)


def _source(call: Call) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("reports:results", kwargs={"slug": call.slug})


def _table(call: Call, kind: str) -> tables.Table:
    results = selectors.results_of(call)
    if kind == RANKING:
        return tables.ranking_table(f"{call.slug}-ranking", _("Ranking of the call %(title)s") % {"title": call.title},
                                    results)
    return tables.grants_table(f"{call.slug}-results", _("Grants awarded in the call %(title)s") % {"title": call.title},
                               [results])


def call_file(call: Call, kind: str, fmt: str) -> bytes:
    """The results (grants) or the ranking of a call as a file; 404 before publication."""
    key = f"opendata:{call.pk}:{selectors.results_version(call)}:{kind}.{fmt}:{settings.LANGUAGE_CODE}"
    data = _read(key)
    if data is None:
        with translation.override(settings.LANGUAGE_CODE):
            data = formats.write(_table(call, kind), fmt, source=_source(call))
        _write(key, data)
    return data


def call_file_sizes(call: Call) -> dict[str, dict[str, int]]:
    """{kind: {format: bytes}} of a call's published files (built now if not in the cache)."""
    return {kind: {fmt: len(call_file(call, kind, fmt)) for fmt in FORMATS} for kind in KINDS}


def year_file(year: int, fmt: str) -> bytes:
    """Every grant of the calls decided in `year`, in one file (built on each request: a year's
    calls change with every publication and correction)."""
    with translation.override(settings.LANGUAGE_CODE):
        table = tables.grants_table(f"grants-{year}", _("Grants awarded in %(year)s") % {"year": year},
                                    selectors.results_of_year(year))
        source = settings.PORTAL_BASE_URL.rstrip("/") + reverse("opendata:year_json", kwargs={"year": year})
        return formats.write(table, fmt, source=source)


def _read(key: str) -> bytes | None:
    try:
        return caches[CACHE].get(key)
    except CACHE_ERRORS:
        logger.warning("An open-data file could not be read from the cache (%s); building it", key, exc_info=True)
        return None


def _write(key: str, data: bytes) -> None:
    try:
        caches[CACHE].set(key, data, TIMEOUT)
    except CACHE_ERRORS:
        logger.warning("An open-data file could not be kept in the cache (%s)", key, exc_info=True)
