from django.conf import settings
from django.utils.functional import SimpleLazyObject

from accounts import permissions, selectors
from core import operator


def roles(request):
    user = request.user
    if _second_factor_pending(user):  # the office's menu too stays closed until the code is typed
        return {"user_is_clerk": False, "user_is_mayor": False, "user_is_admin": False,
                "portal_operator": _operator(request), "notice_unread_count": 0, "latest_notices": []}
    context = {
        "user_is_clerk": permissions.is_clerk(user),
        "user_is_mayor": permissions.is_mayor(user),
        "user_is_admin": permissions.is_administrator(user),
        "portal_operator": _operator(request),
    }
    if user.is_authenticated:
        context.update(_notices(user))
    return context


def _operator(request):
    """Read only when a page shows it, and then from the settings unless they leave it to the
    portal's authority (`core.operator`); a page of one authority names that authority's office."""
    if operator.request_authority(request) is not None:
        return SimpleLazyObject(lambda: operator.name(request))
    return settings.PORTAL_OPERATOR or SimpleLazyObject(operator.name)


def _notices(user) -> dict:
    """The menu's unread count (one COUNT query) and the dashboard's latest notices; both lazy,
    so a page that shows neither queries nothing."""
    return {
        "notice_unread_count": SimpleLazyObject(lambda: selectors.notice_unread_count(user=user)),
        "latest_notices": SimpleLazyObject(lambda: selectors.notice_latest_for_user(user=user)),
    }


def _second_factor_pending(user) -> bool:
    return bool(settings.TWO_FACTOR_REQUIRED and user.is_authenticated and hasattr(user, "is_verified")
                and not user.is_verified() and permissions.needs_two_factor(user))
