"""Reads of organisations and invitations, always scoped to the user who asks.

A user sees only the organisations they are a member of; for anyone else an
organisation does not exist (404), so its id reveals nothing.
"""
from datetime import datetime, timedelta

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone

from offers.models import Invitation, Membership, OfferPartner, Organisation

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


# --- invitations of an organisation to be the partner of a joint offer ---------------------------


def _partner_requests(*, organisations) -> QuerySet[OfferPartner]:
    return (OfferPartner.all_objects.filter(organisation__in=organisations, status=OfferPartner.Status.INVITED)
            .select_related("organisation", "offer__call", "offer__organisation").order_by("invited_at", "pk"))


def partner_request_list_for_user(*, user) -> QuerySet[OfferPartner]:
    """Joint offers waiting for an answer from one of the user's organisations."""
    if not user.is_authenticated:
        return OfferPartner.all_objects.none()
    return _partner_requests(organisations=Membership.objects.filter(user=user).values("organisation"))


def partner_request_list_for_organisation(*, organisation: Organisation) -> QuerySet[OfferPartner]:
    return _partner_requests(organisations=[organisation.pk])


def partner_request_get_for_member(*, user, pk: int) -> OfferPartner:
    """An invitation of one of the user's organisations, whatever its answer; 404 for anyone else."""
    mine = Membership.objects.filter(user=user).values("organisation") if user.is_authenticated else []
    try:
        return (OfferPartner.all_objects.select_related("organisation", "offer__call", "offer__organisation")
                .get(pk=pk, organisation__in=mine))
    except OfferPartner.DoesNotExist:
        raise Http404("No such invitation among the user's organisations.") from None
