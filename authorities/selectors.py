"""Reads of authorities: the one that runs the portal, and an authority as a call document's part."""
from authorities.models import Authority, AuthorityRole

# The call document's `authority` object (docs/call-format.md), in this order.
DOCUMENT_FIELDS = ("slug", "kind", "name", "name_genitive", "holder_gender", "municipality", "seat",
                   "office_name", "address", "bip_url", "treasurer_name", "treasurer_title")


def authority_document(authority: Authority) -> dict:
    return {key: getattr(authority, key) for key in DOCUMENT_FIELDS}


def email_sender(authority: Authority | None) -> str:
    """The From header of messages about the authority's calls: its office's name and its own
    address (`Authority.email_from`), or "" for the installation's DEFAULT_FROM_EMAIL."""
    if authority is None or not authority.email_from:
        return ""
    name = authority.office_name.replace("\\", "").replace('"', "'")
    return f'"{name}" <{authority.email_from}>'  # Django encodes the Polish letters when it sends


def portal_authority() -> Authority | None:
    """The authority marked as running the portal (at most one), or None."""
    return Authority.objects.filter(operates_portal=True).first()


def operator_overrides(authority: Authority | None = None) -> dict:
    """What an authority says of itself, for the privacy notice and the accessibility statement
    (`core.operator`): the request's authority when the page is one of its own, else the one that
    runs the portal; blank fields leave the installation's settings in force."""
    authority = authority or portal_authority()
    if authority is None:
        return {}
    privacy = {"controller": f"{authority.name}, {authority.office_name}", "address": authority.address,
               "contact": authority.privacy_contact, "dpo": authority.privacy_dpo,
               "retention": authority.privacy_retention}
    accessibility = {"body": authority.office_name, "office_address": authority.address,
                     "contact_person": authority.accessibility_contact_person,
                     "email": authority.accessibility_email, "phone": authority.accessibility_phone}
    return {"operator": authority.office_name,
            "privacy": {k: v for k, v in privacy.items() if v},
            "accessibility": {k: v for k, v in accessibility.items() if v}}


# --- officials' roles ---------------------------------------------------------------------------


def roles_of(authority: Authority) -> list[AuthorityRole]:
    """The authority's officials and their roles, by name."""
    return list(AuthorityRole.objects.filter(authority=authority).select_related("user", "granted_by")
                .order_by("user__full_name", "user__email", "role"))


def role_history(authority: Authority, limit: int = 50) -> list:
    """The latest grants and removals of the authority's roles: who, what, by whom, when."""
    return list(AuthorityRole.history.filter(authority_id=authority.pk).select_related("user", "history_user")
                .order_by("-history_date", "-history_id")[:limit])
