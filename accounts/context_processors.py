from django.conf import settings
from django.utils.functional import SimpleLazyObject

from accounts import permissions, selectors
from core import operator


def roles(request):
    user = request.user
    if _second_factor_pending(user):  # the office's menu too stays closed until the code is typed
        return {"user_is_clerk": False, "user_is_mayor": False, "user_is_admin": False, "officials_of": [],
                "portal_operator": _operator(), "notice_unread_count": 0, "latest_notices": []}
    context = {
        "user_is_clerk": permissions.is_clerk(user),
        "user_is_mayor": permissions.is_mayor(user),
        "user_is_admin": permissions.is_administrator(user),
        "officials_of": _officials_of(user),
        "portal_operator": _operator(),
    }
    if user.is_authenticated:
        context.update(_notices(user))
    return context


def _officials_of(user) -> list:
    """The authorities whose officials the user administers (a menu link each); the installation's
    administrator reaches every authority through the admin site. No query for anybody else."""
    if not permissions.is_authority_admin(user) or user.is_superuser:
        return []
    return [{"slug": slug, "name": name} for slug, name in user.authority_roles.filter(
        role=permissions.AUTHORITY_ADMIN).order_by("authority__name").values_list("authority__slug", "authority__name")]


def _operator():
    """Read only when a page shows it, and then from the settings unless they leave it to the
    portal's authority (`core.operator`)."""
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
