"""The session's clock for the page's warning before it ends (`static/js/session_timeout.js`):
how long is left, and one action to extend it (WCAG 2.1, 2.2.1)."""
import time

from django.conf import settings
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.middleware import SEEN
from core.session_time import seconds_left


def _state(request, left: int) -> JsonResponse:
    """`csrf`: the token forms on an open page need after the user logged in again elsewhere (a
    login gives a new one), so that what they typed can still be sent."""
    return JsonResponse({"authenticated": request.user.is_authenticated, "seconds_left": left,
                         "csrf": get_token(request)})


@never_cache
@require_GET
def session_status(request):
    """How long the session has left; asking does not count as activity (nothing is renewed)."""
    request.session_probe = True
    if not request.user.is_authenticated:
        return _state(request, 0)
    left = seconds_left(seen=int(request.session.get(SEEN, 0)), now=int(time.time()),
                        age=settings.SESSION_COOKIE_AGE, refresh_after=settings.SESSION_REFRESH_AFTER, renews=False)
    return _state(request, left)


@never_cache
@require_POST
def session_extend(request):
    """The user asked for more time: the session runs its whole length again from now."""
    if not request.user.is_authenticated:
        return _state(request, 0)
    request.session[SEEN] = int(time.time())  # modified: saved with a new expiry
    return _state(request, settings.SESSION_COOKIE_AGE)
