from django.conf import settings

from accounts import permissions


def roles(request):
    user = request.user
    return {
        "user_is_clerk": permissions.is_clerk(user),
        "user_is_mayor": permissions.is_mayor(user),
        "user_is_admin": permissions.is_administrator(user),
        "portal_operator": settings.PORTAL_OPERATOR,
    }
