"""`{% session_seconds_left %}`: the seconds the logged-in user's session has left once this page's
request has been counted (`core.session_time.seconds_left`)."""
import time

from django import template
from django.conf import settings

from core.middleware import SEEN
from core.session_time import WARN_BEFORE, seconds_left

register = template.Library()


@register.simple_tag(takes_context=True)
def session_seconds_left(context) -> int:
    request = context.get("request")
    session = getattr(request, "session", None)
    if session is None:
        return settings.SESSION_COOKIE_AGE
    return seconds_left(seen=int(session.get(SEEN, 0)), now=int(time.time()), age=settings.SESSION_COOKIE_AGE,
                        refresh_after=settings.SESSION_REFRESH_AFTER)


@register.simple_tag
def session_warn_before() -> int:
    """Seconds before the end at which the warning opens (`SESSION_WARN_BEFORE`, two minutes)."""
    return getattr(settings, "SESSION_WARN_BEFORE", WARN_BEFORE)
