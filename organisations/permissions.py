"""Who may act for an organisation."""


def can_act_for(user, organisation) -> bool:
    """Members of an organisation write and submit its offers; nobody else does."""
    return bool(
        user.is_authenticated and user.is_active and organisation.memberships.filter(user=user).exists()
    )
