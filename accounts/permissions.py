"""Who holds which role. Officials' roles are held per authority (`authorities.AuthorityRole`,
reached here through the user's reverse relation `authority_roles`, so accounts imports no app
above it); per-call commission roles are checked in competition.permissions. The superuser is
the installation's administrator: every role at every authority.

The functions without an object answer "at least one authority" (menus, the office's list
pages, which then show only the user's authorities' objects: `authority_ids`). The checks on an
object are `authorities.permissions` (`is_clerk_of(user, obj)`, ...)."""

# The roles of an official at an authority (`authorities.AuthorityRole.role`).
CLERK = "clerk"
DECIDER = "decider"
AUTHORITY_ADMIN = "authority_admin"
OFFICIAL_ROLES = (CLERK, DECIDER, AUTHORITY_ADMIN)

_CACHE = "_authority_roles_held"


def _active(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def held_roles(user) -> frozenset[tuple[int, str]]:
    """(authority id, role) pairs the user holds; one query per user object (a request's user)."""
    if not _active(user):
        return frozenset()
    held = user.__dict__.get(_CACHE)
    if held is None:
        held = frozenset(user.authority_roles.values_list("authority_id", "role"))
        user.__dict__[_CACHE] = held
    return held


def forget_roles(user) -> None:
    """After a change of the user's roles: the next check reads them again."""
    user.__dict__.pop(_CACHE, None)


def has_role(user, authority_id, *roles: str) -> bool:
    """Whether the user holds one of `roles` at the authority (the superuser holds them all)."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    return any((authority_id, role) in held_roles(user) for role in roles)


def authority_ids(user, *roles: str) -> set[int]:
    """Ids of the authorities where the user holds one of `roles` (not meaningful for the
    superuser, who holds them everywhere: use `scoped`)."""
    return {authority for authority, role in held_roles(user) if role in roles}


def scoped(queryset, user, field: str, *roles: str):
    """The rows of `queryset` whose authority (`field`: a lookup ending in the authority's id,
    e.g. "call__authority_id") is one where the user holds one of `roles`; all rows for the
    superuser, none for anybody else."""
    if not _active(user):
        return queryset.none()
    if user.is_superuser:
        return queryset
    return queryset.filter(**{f"{field}__in": authority_ids(user, *roles)})


def _holds_anywhere(user, *roles: str) -> bool:
    return _active(user) and (user.is_superuser or bool(authority_ids(user, *roles)))


def is_clerk(user) -> bool:
    """A clerk of at least one authority (or the installation's administrator)."""
    return _holds_anywhere(user, CLERK)


def is_mayor(user) -> bool:
    """The deciding authority of at least one authority (or the installation's administrator)."""
    return _holds_anywhere(user, DECIDER)


def is_authority_admin(user) -> bool:
    """The administrator of at least one authority's officials (or the installation's administrator)."""
    return _holds_anywhere(user, AUTHORITY_ADMIN)


def is_official(user) -> bool:
    """Any role at any authority."""
    return _holds_anywhere(user, *OFFICIAL_ROLES)


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
    held = {role for _authority, role in held_roles(user)}
    if user.is_superuser:
        labels.append(_("administrator"))
    if CLERK in held:
        labels.append(_("clerk"))
    if DECIDER in held:
        labels.append(_("authority"))
    if AUTHORITY_ADMIN in held:
        labels.append(_("administrator of an authority's officials"))
    if user.commission_seats.exists():
        labels.append(_("call commission"))
    if user.memberships.exists():
        labels.append(_("applicant"))
    return labels


def needs_two_factor(user) -> bool:
    """The people who decide log in with a second factor: officials of any authority,
    administrators and every commission member (a seat in any call)."""
    if not user.is_authenticated:
        return False
    return is_official(user) or is_administrator(user) or user.commission_seats.exists()
