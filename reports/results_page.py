"""The body of the public results page, rendered once per publication and served from the cache.

Published results change only by a correction of the decision (or a resignation, a re-allocation,
an offeror's new name): `selectors_results.results_version` names the state of everything the
body shows, and the cache key is that version with the call and the language. A changed version
is a new key, so no process can serve results from before a change; a key no longer asked for
expires. The body holds nothing per user: the header with the user menu is rendered around it on
every request.

The bodies are kept in the cache "rendered" (settings: `RENDERED_CACHE_DIR`, files in a directory
shared by the web processes and the workers), so a body rendered by one process is served by all.
A cache that fails (a directory unmounted or unwritable, a damaged file) is a miss: the body is
rendered for that request and the failure logged, never an error page.

`warm` renders the body ahead of the first visitor, in every language of the portal; it runs
after the commit of a publication or a correction (registered with `awards.published` in
`ReportsConfig.ready`).
"""
import logging
import pickle
import zlib

from django.conf import settings
from django.core.cache import caches
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from competition import selectors_publication
from competition.models import Call, PublicationEntry
from reports import selectors_results as selectors

logger = logging.getLogger(__name__)

CACHE = "rendered"  # settings.CACHES
TEMPLATE = "competition/includes/_results_body.html"
TIMEOUT = 7 * 24 * 3600  # seconds; a key of an old version is dropped by then
# What a file cache raises when its directory or a file in it cannot be used, or a file is damaged.
CACHE_ERRORS = (OSError, EOFError, ValueError, pickle.UnpicklingError, zlib.error)


def cache_key(call: Call, version: str, language: str) -> str:
    return f"results-page:{call.pk}:{version}:{language}"


def body(call: Call) -> SafeString:
    """The results of a published call as HTML, in the active language; 404 before publication."""
    decision = selectors.decision_published(call)
    key = cache_key(call, selectors.results_version(call, decision), translation.get_language() or "")
    html = _read(key)
    if html is None:
        context = {"call": call, "call_lang": settings.LANGUAGE_CODE, "results": selectors.results_get(call),
                   "publication": selectors_publication.document_publication(call, PublicationEntry.Document.RESULTS)}
        html = render_to_string(TEMPLATE, context)
        _write(key, html)
    return mark_safe(html)  # rendered by the template engine, which escaped every value


def _read(key: str) -> str | None:
    try:
        return caches[CACHE].get(key)
    except CACHE_ERRORS:
        logger.warning("The rendered results could not be read from the cache (%s); rendering them", key,
                       exc_info=True)
        return None


def _write(key: str, html: str) -> None:
    try:
        caches[CACHE].set(key, html, TIMEOUT)
    except CACHE_ERRORS:
        logger.warning("The rendered results could not be kept in the cache (%s)", key, exc_info=True)


def warm(call_pk: int) -> None:
    """Render the body in every language, if the call's results are published and not annulled."""
    call = Call.objects.select_related("decision", "authority").filter(pk=call_pk).first()
    if call is None or call.state == Call.State.ANNULLED or not call.results_published_at:
        return
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            try:
                body(call)
            except Http404:  # the decision is not locked (any more): nothing is published to render
                return
