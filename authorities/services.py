"""Writes of authorities: the one a call document names, found or created; the roles of its officials."""
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from authorities.models import Authority, AuthorityRole
from authorities.selectors import DOCUMENT_FIELDS


@transaction.atomic
def authority_for_document(*, data: dict) -> tuple[Authority, bool]:
    """The authority a parsed call document names: the stored one with its slug, or a new one with
    the document's forms (checked like the admin's). The stored row wins: an installation's own
    data about its authority are not overwritten by a document. Returns (authority, created)."""
    existing = Authority.objects.filter(slug=data["slug"]).first()
    if existing is not None:
        return existing, False
    authority = Authority(**{key: data.get(key) or "" for key in DOCUMENT_FIELDS})
    authority.full_clean()
    authority.save()
    return authority, True


def document_problems(data: dict) -> dict[str, list[str]]:
    """What a new authority with these data would fail on (without the uniqueness of its slug)."""
    authority = Authority(**{key: data.get(key) or "" for key in DOCUMENT_FIELDS})
    try:
        authority.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        return exc.message_dict
    return {}


@transaction.atomic
def authority_run_portal(*, authority: Authority, contacts: dict | None = None) -> Authority:
    """Mark the authority that runs the portal (at most one: any other loses the mark), with its
    privacy and accessibility contacts; each save is kept in the authority's history."""
    for other in Authority.objects.select_for_update().filter(operates_portal=True).exclude(pk=authority.pk):
        other.operates_portal = False
        other.save(update_fields=["operates_portal"])
    authority = Authority.objects.select_for_update().get(pk=authority.pk)
    authority.operates_portal = True
    for key, value in (contacts or {}).items():
        if key not in CONTACT_FIELDS:
            raise ValueError(f"not a contact of an authority: {key}")
        setattr(authority, key, value)
    authority.full_clean()
    authority.save()
    return authority


@transaction.atomic
def authority_set_contacts(*, authority: Authority, contacts: dict) -> Authority:
    """An authority's own contacts, e-mail sender and domain (an installation serving many
    authorities: docs/deploy.md); checked like the admin's, kept in the authority's history."""
    authority = Authority.objects.select_for_update().get(pk=authority.pk)
    for key, value in contacts.items():
        if key not in CONTACT_FIELDS + ADDRESS_FIELDS:
            raise ValueError(f"not a contact of an authority: {key}")
        setattr(authority, key, value)
    authority.full_clean()
    authority.save()
    return authority


CONTACT_FIELDS = ("privacy_contact", "privacy_dpo", "privacy_retention", "accessibility_contact_person",
                  "accessibility_email", "accessibility_phone", "bip_url")
ADDRESS_FIELDS = ("email_from", "domain")


# --- officials' roles -------------------------------------------------------------------------


def _recorded_by(row, by) -> None:
    row._history_user = by  # simple_history keeps who made the change


@transaction.atomic
def role_grant(*, authority: Authority, user, role: str, by=None) -> AuthorityRole:
    """Give `user` the role at `authority` (once: granting a held role changes nothing); kept in
    the roles' history with who granted it."""
    from accounts.permissions import forget_roles

    if role not in AuthorityRole.Role.values:
        raise ValidationError({"role": _("Choose one of the roles: clerk, deciding authority, administrator.")})
    existing = AuthorityRole.objects.filter(authority=authority, user=user, role=role).first()
    if existing is not None:
        return existing
    row = AuthorityRole(authority=authority, user=user, role=role, granted_by=by)
    _recorded_by(row, by)
    row.save()
    forget_roles(user)
    return row


@transaction.atomic
def role_revoke(*, role: AuthorityRole, by=None) -> None:
    """Take the role away; the history keeps that it was held, who removed it and when.
    An authority keeps at least one administrator of its officials, unless the installation's
    administrator removes the last one."""
    from accounts.permissions import forget_roles

    role = AuthorityRole.objects.select_for_update().get(pk=role.pk)
    if role.role == AuthorityRole.Role.AUTHORITY_ADMIN and not (by is not None and by.is_superuser):
        others = AuthorityRole.objects.filter(authority_id=role.authority_id, role=role.role).exclude(pk=role.pk)
        if not others.exists():
            raise ValidationError(_("The authority keeps at least one administrator of its officials; "
                                    "add another before removing this one."))
    _recorded_by(role, by)
    role.delete()
    forget_roles(role.user)


@transaction.atomic
def role_grant_by_email(*, authority: Authority, email: str, role: str, by) -> AuthorityRole:
    """The authority's administrator adds an official by the e-mail of an existing account."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError({"email": _("No active account has this e-mail address; the person "
                                          "signs up first, then you add the role.")})
    if AuthorityRole.objects.filter(authority=authority, user=user, role=role).exists():
        raise ValidationError({"role": _("This person already holds this role at the authority.")})
    return role_grant(authority=authority, user=user, role=role, by=by)
