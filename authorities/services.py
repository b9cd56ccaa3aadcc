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
