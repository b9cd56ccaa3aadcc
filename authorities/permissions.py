"""Who may act on an object of an authority: the roles the user holds at that object's
authority (`accounts.permissions` reads them; the superuser holds every role everywhere).

`obj` is anything that leads to an authority: an `Authority`, or an object with `authority_id`
(a call), with `call` (an offer, a contract, a decision), or with `offer` (a version). Apps
above pass their objects; this module imports none of them."""
from accounts.permissions import AUTHORITY_ADMIN, CLERK, DECIDER, OFFICIAL_ROLES, has_role
from authorities.models import Authority


def authority_id_of(obj) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Authority):
        return obj.pk
    if hasattr(obj, "authority_id"):
        return obj.authority_id
    for path in ("call", "offer", "contract"):
        if hasattr(obj, path):
            return authority_id_of(getattr(obj, path))
    raise TypeError(f"no authority leads from {type(obj).__name__}")


def is_clerk_of(user, obj) -> bool:
    return has_role(user, authority_id_of(obj), CLERK)


def is_decider_of(user, obj) -> bool:
    return has_role(user, authority_id_of(obj), DECIDER)


def is_authority_admin_of(user, obj) -> bool:
    return has_role(user, authority_id_of(obj), AUTHORITY_ADMIN)


def is_official_of(user, obj) -> bool:
    """Any role at the object's authority: a clerk, the deciding authority or its administrator."""
    return has_role(user, authority_id_of(obj), *OFFICIAL_ROLES)


def is_office_of(user, obj) -> bool:
    """The office that works on an object: a clerk or the deciding authority (administrators of
    officials manage people, not calls)."""
    return has_role(user, authority_id_of(obj), CLERK, DECIDER)
