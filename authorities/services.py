"""Writes of authorities: the one a call document names, found or created."""
from django.core.exceptions import ValidationError
from django.db import transaction

from authorities.models import Authority
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
