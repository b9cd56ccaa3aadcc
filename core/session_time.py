"""How long a logged-in session has left, as pure arithmetic (`core.middleware.SessionRefreshMiddleware`
renews the expiry at most every `SESSION_REFRESH_AFTER` seconds, so the expiry a page can count
down to follows from the last renewal).

WCAG 2.1 success criterion 2.2.1 (timing adjustable): the portal warns before the session ends and
lets the user extend it with one action (`static/js/session_timeout.js`)."""

WARN_BEFORE = 120  # seconds: the warning opens two minutes before the session ends


def seconds_left(*, seen: int, now: int, age: int, refresh_after: int, renews: bool = True) -> int:
    """Seconds until the session ends, counted after the current request: a request at least
    `refresh_after` seconds after the last renewal renews it (the whole `age` again), unless it is
    one that does not count as activity (`renews=False`: asking how long is left); otherwise the
    expiry stays where the last renewal put it. A renewal time in the future (another clock) counts
    as now."""
    since = max(0, now - seen)
    if renews and since >= refresh_after:
        return age
    return max(0, age - since)
