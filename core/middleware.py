"""Security headers and session expiry the portal handles itself."""
import time

from django.conf import settings


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
