"""Who may do what with calls."""
from accounts.permissions import is_clerk


def can_manage_calls(user) -> bool:
    """Clerks (and administrators) define, edit, publish, copy and move calls between stages."""
    return is_clerk(user)


def commission_role(user, call) -> str | None:
    if not user.is_authenticated:
        return None
    seat = call.commission.filter(user=user).first()
    return seat.role if seat else None
