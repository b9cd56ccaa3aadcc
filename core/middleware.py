"""Security headers, session expiry, the moment of arrival and a lost database connection: what
the portal handles itself."""
import logging
import time
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation

from core.overload import arrival_seconds, meta_key

logger = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware:
    """Send `settings.CONTENT_SECURITY_POLICY` on every response that has none yet.

    The portal's pages load scripts, styles, fonts and images only from their own origin and
    have no inline scripts, inline event handlers or inline styles, so the policy can forbid
    them all: injected markup cannot run."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = "; ".join(f"{directive} {' '.join(sources)}".strip()
                                for directive, sources in settings.CONTENT_SECURITY_POLICY.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.header
        return response


SEEN = "_seen_at"  # when the session's expiry was last renewed (seconds since the epoch)


class SessionRefreshMiddleware:
    """Sessions end after `SESSION_COOKIE_AGE` without activity, counted from the last request.

    Saving the session on every request would do that at the price of a database write per
    request; renewing it only when the last renewal is `SESSION_REFRESH_AFTER` seconds old gives
    the same "an hour without activity" to within those seconds for one write every few
    minutes. Logging in counts as a renewal (`mark_seen`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        probe = getattr(request, "session_probe", False)  # asking how long is left is not activity
        if session is not None and user is not None and user.is_authenticated and not probe:
            now = int(time.time())
            if now - session.get(SEEN, 0) >= settings.SESSION_REFRESH_AFTER:
                session[SEEN] = now  # modified: the session middleware saves it with a new expiry
        return response


def mark_seen(sender, request, user, **kwargs):
    """Connected to `user_logged_in`: a fresh login needs no renewal for a while."""
    if hasattr(request, "session"):
        request.session[SEEN] = int(time.time())


class ArrivalMiddleware:
    """Stamp `request.arrived_at`: the moment the request reached the portal.

    A deadline is judged at that moment, not when a worker gets to the request, so a click made
    in time is never late for having waited in the server's queue. The server's clock is read as
    the request comes in; where a trusted proxy in front of the portal sends the moment it
    received the request (`settings.REQUEST_START_HEADER`, e.g. "X-Request-Start" as nginx or
    HAProxy send it: "t=<microseconds since the epoch>"), and only then, that header is used,
    clamped to no later than now and no earlier than `REQUEST_START_MAX_AGE` seconds before
    now. Without the setting the header is ignored: the client controls it."""

    def __init__(self, get_response):
        self.get_response = get_response
        header = getattr(settings, "REQUEST_START_HEADER", "") or ""
        self.meta_key = meta_key(header) if header else ""
        self.max_age = timedelta(seconds=getattr(settings, "REQUEST_START_MAX_AGE", 120))

    def __call__(self, request):
        now = timezone.now()
        request.arrived_at = now
        if self.meta_key:
            start = parse_request_start(request.META.get(self.meta_key, ""))
            if start is not None:
                request.arrived_at = min(now, max(now - self.max_age, start))
        return self.get_response(request)


def parse_request_start(value: str) -> datetime | None:
    """The proxy's arrival header: "t=1700000000123456" (microseconds), also milliseconds or
    (fractional) seconds since the epoch; None when it cannot be read (`overload.arrival_seconds`,
    the one reader of the header)."""
    seconds = arrival_seconds(value)
    if seconds is None:
        return None
    try:
        return datetime.fromtimestamp(seconds, tz=dt_timezone.utc)
    except (OverflowError, OSError, ValueError):
        return None


def arrived_at(request) -> datetime:
    """When the request reached the portal (`ArrivalMiddleware`); now when it was not stamped."""
    return getattr(request, "arrived_at", None) or timezone.now()


# SQLSTATEs of a connection the server ended: admin shutdown (pg_terminate_backend, a restart),
# crash shutdown, cannot connect now; and class 08, connection exceptions.
LOST_SQLSTATES = ("57P01", "57P02", "57P03")


def connection_was_lost(exception: Exception) -> bool:
    """Whether a database error means the connection itself died (the server closed it: a
    restart, a failover, `pg_terminate_backend`), as opposed to a query that failed on a live
    connection (a lock timeout, a serialization failure). PostgreSQL's driver reports a closed
    connection without a SQLSTATE, or with one of `LOST_SQLSTATES` or class 08."""
    if not isinstance(exception, (OperationalError, InterfaceError)):
        return False
    cause = exception.__cause__
    if not hasattr(cause, "pgcode"):  # not PostgreSQL (psycopg2)
        return False
    code = cause.pgcode
    return code is None or code.startswith("08") or code in LOST_SQLSTATES


class ReconnectMiddleware:
    """Run a request once more when its view failed because its database connection was cut.

    A worker whose idle connection was cut reconnects by itself (`CONN_HEALTH_CHECKS`); a
    request that was in the middle of its queries when the cut came fails with a 500. The
    server rolled back whatever transaction was open, so running the request again on a fresh
    connection does what the user asked, once: a write that had already committed is found done
    (a submission answers that the offer is in, a save with an old revision is refused as
    stale), never made twice. Only once, only when the view's error says the connection died
    (`connection_was_lost`), and never for a request carrying uploaded files (they are written
    to storage outside the database). Placed right after `ArrivalMiddleware`: the second run
    keeps the first one's moment of arrival and goes through every other middleware again."""

    FLAG = "_database_connection_lost"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code >= 500 and getattr(request, self.FLAG, False) and not request.FILES:
            logger.warning("Database connection lost during %s %s; running it again on a new connection",
                           request.method, request.path)
            for connection in connections.all(initialized_only=True):
                connection.close_if_unusable_or_obsolete()  # a dead one is closed; the next query reconnects
            setattr(request, self.FLAG, False)
            response = self.get_response(request)
        return response

    def process_exception(self, request, exception):
        if connection_was_lost(exception):
            setattr(request, self.FLAG, True)
        return None  # answered as usual (500), unless the request runs again


class PortalLocaleMiddleware(LocaleMiddleware):
    """The portal speaks Polish whatever the browser asks (Accept-Language is ignored); English
    only on the visitor's explicit choice, the language switcher's cookie (`set_language`)."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen and chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
