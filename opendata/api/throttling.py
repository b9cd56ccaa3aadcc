from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class PublicThrottle(AnonRateThrottle):
    """Requests per client address (settings.OPEN_DATA_THROTTLE, read on every request), counted
    in the default cache: per process, so with N web processes a client gets up to N times the
    rate; a shared cache (Redis) makes it exact. Too many requests get 429 with Retry-After."""

    scope = "opendata"

    def get_rate(self) -> str:
        return settings.OPEN_DATA_THROTTLE
