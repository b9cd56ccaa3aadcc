from functools import cached_property

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from accounts import permissions, selectors
from core import operator



def roles(request):
    user = request.user
    if _second_factor_pending(user):  # the office's menu too stays closed until the code is typed
        return {"user_is_clerk": False, "user_is_mayor": False, "user_is_admin": False, "officials_of": [],
                "portal_operator": _operator(request), "notice_unread_count": 0, "latest_notices": []}
    context = {
        "user_is_clerk": permissions.is_clerk(user),
        "user_is_mayor": permissions.is_mayor(user),
        "user_is_admin": permissions.is_administrator(user),
        "officials_of": _officials_of(user),
        "portal_operator": _operator(request),
    }
    if user.is_authenticated:
        context.update(_notices(user))
        context.update(_menu(user, context))
    return context


def _menu(user, context: dict) -> dict:
    return {"menu": Menu(user, official=bool(context["user_is_clerk"] or context["user_is_mayor"]
                                              or context["user_is_admin"]))}


class Menu:
    """Which entries of the main menu a user gets (templates/base.html), read when the menu is
    drawn, in one query for the usual applicant (their seats, none): an applicant's entries for
    applicants and for people without any office role yet (someone who has just signed up); the
    commission's entry for a seat; under it the progress page of each call the user chairs or is
    the secretary of."""

    def __init__(self, user, *, official: bool):
        self.user, self.official = user, official

    @cached_property
    def seats(self) -> list:
        return list(self.user.commission_seats.select_related("call").order_by("-call__submission_deadline", "pk"))

    @cached_property
    def has_seat(self) -> bool:
        return bool(self.seats)

    @cached_property
    def applicant(self) -> bool:
        if not (self.official or self.has_seat):
            return True
        return permissions.is_applicant(self.user)


def _officials_of(user) -> list:
    """The authorities whose officials the user administers (a menu link each); the installation's
    administrator reaches every authority through the admin site. No query for anybody else."""
    if not permissions.is_authority_admin(user) or user.is_superuser:
        return []
    return [{"slug": slug, "name": name} for slug, name in user.authority_roles.filter(
        role=permissions.AUTHORITY_ADMIN).order_by("authority__name").values_list("authority__slug", "authority__name")]


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
