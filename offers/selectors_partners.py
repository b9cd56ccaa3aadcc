"""Reads of the invitations of organisations to be partners of joint offers, scoped to the
members of the invited organisation (anyone else gets 404)."""
from django.db.models import QuerySet
from django.http import Http404

from offers.models import OfferPartner
from organisations.models import Membership, Organisation


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
