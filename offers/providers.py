"""What offers tell the apps below them (registered in `OffersConfig.ready()`): the offerors
among a commission's members (competition.registry) and the offers a person worked on, for
their personal data (accounts.registry)."""
from django.db.models import Q, QuerySet

from offers.models import Offer, OfferEvent
from organisations.models import Membership


def _taking_part(call) -> QuerySet:
    """Offers of the call past the draft: their offerors take part in the call."""
    return Offer.objects.filter(call=call).exclude(state=Offer.State.DRAFT)


def offeror_memberships(call, users) -> QuerySet:
    """(user id, organisation name) of the users' organisations that lead or join an offer in the call."""
    offers = _taking_part(call)
    return (
        Membership.objects.filter(user__in=users)
        .filter(Q(organisation__led_offers__in=offers) | Q(organisation__partner_in__offer__in=offers))
        .values_list("user_id", "organisation__name")
        .distinct()
        .order_by("organisation__name")
    )


def personal_data_offers(user, when) -> list[dict]:
    """The section "offers_worked_on": offers the user changed, with their own changes."""
    offers = (Offer.objects.filter(pk__in=OfferEvent.objects.filter(by=user).values("offer_id"))
              .select_related("call", "organisation").order_by("pk"))
    return [{"call": o.call.title, "number": o.number, "title": o.title, "state": o.state,
             "organisation": o.organisation.name,
             "my_changes": [{"kind": e.kind, "at": when(e.at), "section": e.section}
                            for e in o.events.filter(by=user).order_by("at", "pk")]}
            for o in offers]
