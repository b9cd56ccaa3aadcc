"""Who may do what with calls: the clerks of the call's authority (administrators everywhere)."""
from accounts.permissions import CLERK, is_clerk, scoped
from authorities.permissions import is_clerk_of


def can_manage_calls(user, call) -> bool:
    """The clerks of the call's authority define, edit, publish, copy and move it between stages."""
    return is_clerk_of(user, call)


def can_create_calls(user) -> bool:
    """A clerk of at least one authority creates calls (of the authorities where they are clerks)."""
    return is_clerk(user)


def calls_managed_by(user, calls):
    """The calls of `calls` whose authority the user is a clerk of (all for administrators)."""
    return scoped(calls, user, "authority_id", CLERK)


def authority_problem(user, authority) -> str | None:
    """Why `user` may not make or move a call of `authority` (None: they may). `user=None` is the
    installation itself (commands, the demo)."""
    from django.utils.translation import gettext as _

    if user is None or is_clerk_of(user, authority):
        return None
    return _("You are not a clerk of %(authority)s: choose an authority whose clerk you are.") % {
        "authority": authority}


def commission_role(user, call) -> str | None:
    if not user.is_authenticated:
        return None
    seat = call.commission.filter(user=user).first()
    return seat.role if seat else None
