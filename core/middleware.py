"""Security headers, session expiry and the moment of arrival the portal handles itself."""
import time
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.conf import settings
from django.utils import timezone

from core.overload import arrival_seconds, meta_key


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
        if session is not None and user is not None and user.is_authenticated:
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
