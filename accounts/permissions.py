"""Who holds which role. Per-call commission roles are checked in competition.permissions."""


def is_clerk(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_clerk or user.is_superuser))


def is_mayor(user) -> bool:
    return bool(user.is_authenticated and user.is_active and (user.is_mayor or user.is_superuser))


def is_administrator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_applicant(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.memberships.exists())


def role_labels(user) -> list[str]:
    """Human names of the roles a user holds, for the profile page and the menu."""
    from django.utils.translation import gettext as _

    if not user.is_authenticated:
        return []
    labels = []
    if user.is_superuser:
        labels.append(_("administrator"))
    if user.is_clerk:
        labels.append(_("clerk"))
    if user.is_mayor:
        labels.append(_("authority"))
    if user.commission_seats.exists():
        labels.append(_("call commission"))
    if user.memberships.exists():
        labels.append(_("applicant"))
    return labels


def needs_two_factor(user) -> bool:
    """The people who decide log in with a second factor: clerks, the authority, administrators and
    every commission member (a seat in any call)."""
    if not user.is_authenticated:
        return False
    return is_clerk(user) or is_mayor(user) or is_administrator(user) or user.commission_seats.exists()
