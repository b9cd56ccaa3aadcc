"""The open-data files of a call's results and of a year's grants, built from the published
results and kept in the "rendered" cache per version of the results (as the results page is kept in "rendered":
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
from reports.results_page import CACHE_ERRORS, TIMEOUT

logger = logging.getLogger(__name__)

CACHE = "opendata"  # settings.CACHES

RESULTS, RANKING = "results", "ranking"
KINDS = (RESULTS, RANKING)


def _source(call: Call) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("reports:results", kwargs={"slug": call.slug})


def _table(call: Call, kind: str, results) -> tables.Table:
    if kind == RANKING:
        return tables.ranking_table(f"{call.slug}-ranking", _("Ranking of the call %(title)s") % {"title": call.title},
                                    results)
    return tables.grants_table(f"{call.slug}-results", _("Grants awarded in the call %(title)s") % {"title": call.title},
                               [results])


def _key(call: Call, version: str, name: str) -> str:
    return f"opendata:{call.pk}:{version}:{name}:{settings.LANGUAGE_CODE}"


def _build(call: Call, version: str) -> dict[tuple[str, str], bytes]:
    """All six files of a call from one reading of its results, kept with their sizes."""
    built = {}
    with translation.override(settings.LANGUAGE_CODE):
        results = selectors.results_of(call)
        for kind in KINDS:
            table = _table(call, kind, results)
            for fmt in FORMATS:
                built[kind, fmt] = formats.write(table, fmt, source=_source(call))
    for (kind, fmt), data in built.items():
        _write(_key(call, version, f"{kind}.{fmt}"), data)
    _write(_key(call, version, "sizes"), {f"{kind}.{fmt}": len(data) for (kind, fmt), data in built.items()})
    return built


def call_file(call: Call, kind: str, fmt: str) -> bytes:
    """The results (grants) or the ranking of a call as a file; 404 before publication."""
    version = selectors.results_version(call)
    data = _read(_key(call, version, f"{kind}.{fmt}"))
    return data if data is not None else _build(call, version)[kind, fmt]


def call_file_sizes(call: Call, *, build: bool = True) -> dict[str, dict[str, int]] | None:
    """{kind: {format: bytes}} of a call's published files: one query (the results' version) and
    one cache read once the files are built (at publication: `warm`, or by a first download);
    None if they are not built and `build` is false; 404 before publication."""
    version = selectors.results_version(call)
    sizes = _read(_key(call, version, "sizes"))
    if sizes is None and not build:
        return None
    if sizes is None:
        sizes = {f"{kind}.{fmt}": len(data) for (kind, fmt), data in _build(call, version).items()}
    return {kind: {fmt: sizes[f"{kind}.{fmt}"] for fmt in FORMATS} for kind in KINDS}


def warm(call_pk: int) -> None:
    """Build the files of a call whose results were just published or corrected."""
    call = selectors.published_calls().filter(pk=call_pk).first()
    if call is not None:
        call_file_sizes(call)


def year_file(year: int, fmt: str) -> bytes:
    """Every grant of the calls decided in `year`, in one file (built on each request: a year's
    calls change with every publication and correction)."""
    with translation.override(settings.LANGUAGE_CODE):
        table = tables.grants_table(f"grants-{year}", _("Grants awarded in %(year)s") % {"year": year},
                                    selectors.results_of_year(year))
        source = settings.PORTAL_BASE_URL.rstrip("/") + reverse("opendata:year_json", kwargs={"year": year})
        return formats.write(table, fmt, source=source)


def _read(key: str):
    try:
        return caches[CACHE].get(key)
    except CACHE_ERRORS:
        logger.warning("An open-data file could not be read from the cache (%s); building it", key, exc_info=True)
        return None


def _write(key: str, data) -> None:
    try:
        caches[CACHE].set(key, data, TIMEOUT)
    except CACHE_ERRORS:
        logger.warning("An open-data file could not be kept in the cache (%s)", key, exc_info=True)
