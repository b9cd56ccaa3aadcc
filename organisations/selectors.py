"""Reads of organisations and invitations, always scoped to the user who asks.

A user sees only the organisations they are a member of; for anyone else an
organisation does not exist (404), so its id reveals nothing.

The history of an organisation, for its members (`organisation_history`): every recorded
change of its data, its members and its invitations — when, who, what, old → new
(django-simple-history; docs/audit.md). Three queries, however long the history.
"""
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations import rules
from organisations.models import Invitation, Membership, Organisation

# An invitation link works this long after it is sent; a newer invitation replaces it.
INVITATION_VALID_FOR = timedelta(days=14)


def organisation_list_for_user(*, user) -> QuerySet[Organisation]:
    """The user's organisations with their number of members (one query)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    mine = Membership.objects.filter(user=user).values("organisation")
    return Organisation.objects.filter(pk__in=mine).annotate(member_count=Count("memberships")).order_by("name")


def organisation_get_for_member(*, user, pk: int) -> Organisation:
    try:
        return organisation_list_for_user(user=user).get(pk=pk)
    except Organisation.DoesNotExist:
        raise Http404("No such organisation among the user's.") from None


def organisation_members(*, organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("joined_at", "pk")


def invitation_pending_q(*, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    return {"accepted_at__isnull": True, "created_at__gte": now - INVITATION_VALID_FOR}


def invitation_list_pending(*, organisation: Organisation, now: datetime | None = None) -> QuerySet[Invitation]:
    """Invitations not yet accepted whose link still works, newest first."""
    return (
        organisation.invitations.filter(**invitation_pending_q(now=now))
        .select_related("invited_by")
        .order_by("-created_at")
    )


def invitation_get_by_token(*, token: str) -> Invitation:
    """The token is the secret: whoever holds the link may see whom it invites where."""
    try:
        return Invitation.objects.select_related("organisation", "invited_by", "accepted_by").get(token=token)
    except Invitation.DoesNotExist:
        raise Http404("No invitation with this token.") from None


def invitation_is_expired(invitation: Invitation, *, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    return invitation.accepted_at is None and invitation.created_at < now - INVITATION_VALID_FOR


# --- the history of an organisation -------------------------------------------------------------

NOISE = {"updated_at", "created_at", "joined_at", "history_change_reason"}  # bookkeeping, not content
LIMIT = 200  # the most recent records of each kind shown


@dataclass
class Entry:
    at: datetime
    who: object  # the user, or None: the system (a migration, the demo loader)
    what: str
    fields: list[tuple[str, str, str]] = field(default_factory=list)  # (label, old, new)


def _label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - a field that no longer exists keeps its name
        return name


def _shown(name: str, value) -> str:
    if value in (None, ""):
        return "—"
    if name == "bank_account":
        return rules.format_iban(value)
    return str(value)


def _previous(records: list) -> dict[int, object]:
    """Each record's previous record of the same object, among `records` (no query per record)."""
    previous, last = {}, {}
    for record in sorted(records, key=lambda r: (r.history_date, r.history_id)):
        previous[record.history_id] = last.get(record.id)
        last[record.id] = record
    return previous


def _changed_fields(record, previous) -> list[tuple[str, str, str]]:
    if previous is None:
        return []
    model = record.instance_type
    order = {f.name: i for i, f in enumerate(model._meta.fields)}  # as the form shows them
    changes = sorted(record.diff_against(previous).changes, key=lambda c: order.get(c.field, len(order)))
    return [(_label(model, c.field), _shown(c.field, c.old), _shown(c.field, c.new))
            for c in changes if c.field not in NOISE]


def _person(user) -> str:
    return (user.get_full_name() or user.email) if user is not None else _("a deleted account")


def _organisation_entries(records) -> list[Entry]:
    earlier = _previous(records)
    out = []
    for r in records:
        if r.history_type == "+":
            out.append(Entry(r.history_date, r.history_user, _("The organisation was registered")))
        elif r.history_type == "~":
            fields = _changed_fields(r, earlier[r.history_id])
            if fields:
                out.append(Entry(r.history_date, r.history_user, _("The organisation's data were changed"), fields))
    return out


def _membership_entries(records) -> list[Entry]:
    out = []
    for r in records:
        person = _person(r.user)
        if r.history_type == "+":
            out.append(Entry(r.history_date, r.history_user, _("%(person)s became a member") % {"person": person}))
        elif r.history_type == "-":
            out.append(Entry(r.history_date, r.history_user,
                             _("%(person)s is no longer a member") % {"person": person}))
    return out


def _invitation_entries(records) -> list[Entry]:
    out = []
    for r in records:
        if r.history_type == "+":
            out.append(Entry(r.history_date, r.history_user, _("Invitation sent to %(email)s") % {"email": r.email}))
        elif r.history_type == "~" and r.accepted_at is not None:
            out.append(Entry(r.history_date, r.history_user,
                             _("The invitation sent to %(email)s was accepted") % {"email": r.email}))
        elif r.history_type == "-":
            out.append(Entry(r.history_date, r.history_user,
                             _("The invitation sent to %(email)s was deleted") % {"email": r.email}))
    return out


def organisation_history(*, organisation: Organisation) -> list[Entry]:
    """Newest first. An invitation's token is not in its history (the model excludes it)."""
    own = list(Organisation.history.filter(id=organisation.pk).select_related("history_user")[:LIMIT])
    members = Membership.history.filter(organisation_id=organisation.pk).select_related("history_user", "user")
    invitations = Invitation.history.filter(organisation_id=organisation.pk).select_related("history_user")
    entries = (_organisation_entries(own) + _membership_entries(members[:LIMIT])
               + _invitation_entries(invitations[:LIMIT]))
    return sorted(entries, key=lambda e: e.at, reverse=True)
