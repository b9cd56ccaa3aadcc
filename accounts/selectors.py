from accounts.models import User


def profile_context(user: User) -> dict:
    """What the profile page shows: roles, organisations and commission seats."""
    from accounts.permissions import role_labels

    return {
        "roles": role_labels(user),
        "memberships": user.memberships.select_related("organisation").order_by("organisation__name"),
        "seats": user.commission_seats.select_related("call").order_by("-call__submission_deadline"),
    }
