"""Shedding load: a request that waited too long in the queue gets a fast 503 instead of work.

When the portal is overloaded, requests wait in front of the web workers (in the proxy and in
gunicorn's backlog). One that waited longer than its user is willing to wait would still be
processed in full, pages rendered and rows locked, for nobody, and every request behind it
waits longer still. This middleware answers such a request at once with `503.html` (in Polish:
the draft is saved, the page retries by itself) and a `Retry-After` header, before the session,
the user or the database are touched.

How long a request waited is measured from the arrival time a trusted proxy in front of the
portal writes into a header (`settings.REQUEST_START_HEADER`, for example nginx's
`proxy_set_header X-Request-Start "t=${msec} d=${request_time}";`), never from anything the client sends. With
no header configured, or `QUEUE_TIMEOUT_SECONDS` at 0, the middleware does nothing. The proxy
and the web hosts must keep their clocks in step (NTP): the wait is the difference between them.
"""
import logging
import time

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 10


def meta_key(header: str) -> str:
    """`X-Request-Start` (or an already-normalised `HTTP_X_REQUEST_START`) as a `request.META` key."""
    header = header.strip()
    if header.upper().startswith("HTTP_"):
        return header.upper()
    return "HTTP_" + header.upper().replace("-", "_")


def _epoch_seconds(value: str) -> float | None:
    try:
        moment = float(value)
    except ValueError:
        return None
    if moment != moment or moment <= 0:  # NaN or nonsense
        return None
    if moment > 1e14:
        return moment / 1e6
    if moment > 1e11:
        return moment / 1e3
    return moment


def _elapsed(value: str) -> float | None:
    try:
        elapsed = float(value)
    except ValueError:
        return None
    return elapsed if 0 <= elapsed < 3600 else None  # NaN fails both comparisons


def arrival_seconds(value: str) -> float | None:
    """The moment in a proxy's arrival header, in seconds since the epoch; None if unreadable.

    Proxies write it as seconds (`t=1733580000.123`, nginx's $msec), milliseconds (Heroku) or
    microseconds (Apache's %t with `t=`); the magnitude tells them apart. nginx evaluates $msec
    when it passes the request on, after reading the whole body, which under load can be later
    than the moment the first byte arrived; `d=` with its `$request_time` (seconds since the first
    byte, at the same evaluation) moves the moment back to that first byte:
    `t=${msec} d=${request_time}`."""
    fields = dict(part.split("=", 1) if "=" in part else ("t", part) for part in value.replace(",", " ").split())
    moment = _epoch_seconds(fields.get("t", "").strip())
    if moment is None or "d" not in fields:
        return moment
    elapsed = _elapsed(fields["d"])
    return None if elapsed is None else moment - elapsed


def queue_wait(meta: dict, *, header: str, now: float) -> float | None:
    """Seconds the request waited between the proxy and this process; None if not known."""
    raw = meta.get(meta_key(header))
    if not raw:
        return None
    arrived = arrival_seconds(raw)
    return None if arrived is None else now - arrived


def overloaded_response() -> HttpResponse:
    """The 503 page: no request context, no database (it is answered because the portal is busy)."""
    html = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class QueueTimeoutMiddleware:
    """Answer 503 at once when a page request (GET, HEAD) waited in the queue longer than
    `QUEUE_TIMEOUT_SECONDS`. A write (an autosave, "Złóż ofertę") is never shed: it reached the
    portal in time and is judged at its arrival, so refusing it would make a retry late."""

    SHED_METHODS = ("GET", "HEAD")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = getattr(settings, "REQUEST_START_HEADER", "") or ""
        limit = getattr(settings, "QUEUE_TIMEOUT_SECONDS", 0) or 0
        if header and limit > 0 and request.method in self.SHED_METHODS:
            waited = queue_wait(request.META, header=header, now=time.time())
            if waited is not None and waited > limit:
                logger.warning("Shed %s %s after %.1f s in the queue (limit %s s)",
                               request.method, request.path, waited, limit)
                return overloaded_response()
        return self.get_response(request)
