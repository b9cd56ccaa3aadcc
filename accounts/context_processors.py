from django.conf import settings
from django.utils.functional import SimpleLazyObject

from accounts import permissions, selectors
from core import operator

LEAD_ROLES = ("chair", "secretary")  # competition.CommissionMember.Role: who follows the commission's progress


def roles(request):
    user = request.user
    if _second_factor_pending(user):  # the office's menu too stays closed until the code is typed
        return {"user_is_clerk": False, "user_is_mayor": False, "user_is_admin": False,
                "portal_operator": _operator(), "notice_unread_count": 0, "latest_notices": []}
    context = {
        "user_is_clerk": permissions.is_clerk(user),
        "user_is_mayor": permissions.is_mayor(user),
        "user_is_admin": permissions.is_administrator(user),
        "portal_operator": _operator(),
    }
    if user.is_authenticated:
        context.update(_notices(user))
        context.update(_menu(user, context))
    return context


def _menu(user, context: dict) -> dict:
    """Which entries of the main menu a user gets (templates/base.html), each read lazily: an
    applicant's entries for applicants and for people without any office role yet (someone who has
    just signed up); the commission's entry for a seat; under it, the progress page of every call the
    user chairs or is the secretary of."""
    has_seat = SimpleLazyObject(lambda: user.commission_seats.exists())
    official = lambda: context["user_is_clerk"] or context["user_is_mayor"] or context["user_is_admin"]  # noqa: E731

    def applicant() -> bool:
        return permissions.is_applicant(user) or not (official() or has_seat)

    return {
        "has_seat": has_seat,
        "menu_applicant": SimpleLazyObject(applicant),
        "lead_seats": SimpleLazyObject(lambda: list(
            user.commission_seats.filter(role__in=LEAD_ROLES).select_related("call")
            .order_by("-call__submission_deadline", "pk")[:5])),
    }


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
