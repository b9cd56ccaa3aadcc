"""The negotiation of a lower grant, opened and closed by the authority's decision (awards): the
offer's writes of that stage, re-exported by `offers.services`. Each runs inside the caller's
transaction and locks the offer's row."""
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from offers.models import Offer, OfferEvent
from offers.permissions import negotiation_error


def _negotiation_event(offer: Offer, kind: str, by, now: datetime, **details) -> None:
    OfferEvent.objects.create(offer=offer, kind=kind, by=by, at=now, details={"revision": offer.revision, **details})


def negotiation_open(*, offer: Offer, fixed: dict[str, str], until: datetime, by, now: datetime) -> Offer:
    """The decision gives the offer less than it asked for: it may be updated (grant per action
    fixed to `fixed`) and submitted again by `until`, or the offeror resigns. Inside the caller's
    transaction; also used to change the fixed amounts of an open negotiation."""
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    if locked.state not in (Offer.State.ADMITTED, Offer.State.NEGOTIATION):
        raise ValidationError(_("Offer %(number)s is not admitted; no grant can be negotiated.")
                              % {"number": locked.number})
    locked.state = Offer.State.NEGOTIATION
    locked.fixed_grants, locked.fixed_until = dict(fixed), until
    locked.revision += 1
    locked.save(update_fields=["state", "fixed_grants", "fixed_until", "revision", "updated_at"])
    _negotiation_event(locked, OfferEvent.Kind.NEGOTIATION, by, now, fixed=dict(fixed), until=until.isoformat())
    return locked


def negotiation_close(*, offer: Offer, by, now: datetime) -> Offer:
    """A change of the decision makes the negotiation moot (full grant again, or none): the
    offer is simply admitted again, as submitted."""
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    if locked.state != Offer.State.NEGOTIATION:
        return locked
    locked.state, locked.fixed_grants, locked.fixed_until = Offer.State.ADMITTED, {}, None
    locked.revision += 1
    locked.save(update_fields=["state", "fixed_grants", "fixed_until", "revision", "updated_at"])
    _negotiation_event(locked, OfferEvent.Kind.SAVED, by, now, negotiation="closed")
    return locked


def offer_resign(*, offer: Offer, by, now: datetime, reason: str = "", expired: bool = False,
                 awarded: bool = False) -> Offer:
    """The offeror resigns from a lower grant (or let the answer's deadline pass: `by` None), or,
    with `awarded` (the caller checked that the decision gives it money and no contract is signed),
    from the grant an admitted offer was awarded, in full or lower and accepted."""
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    allowed = (Offer.State.NEGOTIATION, Offer.State.ADMITTED) if awarded else (Offer.State.NEGOTIATION,)
    if locked.state not in allowed:
        raise ValidationError(_("Only an offer awarded a grant can resign from it, before the contract is signed."))
    if not expired and locked.state == Offer.State.NEGOTIATION:
        error = negotiation_error(locked, now)
        if error:
            raise ValidationError(error)
    locked.state, locked.fixed_until = Offer.State.RESIGNED, None
    locked.revision += 1
    locked.updated_by = by
    locked.save(update_fields=["state", "fixed_until", "revision", "updated_by", "updated_at"])
    _negotiation_event(locked, OfferEvent.Kind.RESIGNED, by, now, reason=reason, expired=expired)
    return locked
