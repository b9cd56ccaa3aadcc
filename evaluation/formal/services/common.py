"""What every write of the formal check shares: the clock, the audit row, the stage check,
the locked sheet, moving an offer on and telling its offerors."""
from datetime import datetime

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from competition.models import Call
from evaluation.models import FormalEvent, FormalSheet
from notifications import services as outbox
from offers.models import Offer


def _now() -> datetime:
    return timezone.now()


def _event(call: Call, kind: str, by, *, offer=None, now=None, **details) -> FormalEvent:
    return FormalEvent.objects.create(call=call, offer=offer, kind=kind, by=by, at=now or _now(), details=details)


def _require_stage(call: Call, *states) -> None:
    if call.state not in states:
        raise ValidationError(_("This cannot be done at the stage “%(state)s”.") % {"state": call.get_state_display()})


def _locked_sheet(sheet: FormalSheet) -> FormalSheet:
    sheet = FormalSheet.objects.select_for_update().select_related("offer__call").get(pk=sheet.pk)
    _require_stage(sheet.offer.call, Call.State.FORMAL_CHECK)
    return sheet


def _offer_state(offer_pk: int, state: str) -> None:
    """The formal check moves the offer on: saved (not a queryset update) so the audit trail has it."""
    offer = Offer.objects.get(pk=offer_pk)
    offer.state = state
    offer.save(update_fields=["state", "updated_at"])


def _notify_offerors(offer: Offer, title: str, body: str, *, kind: str) -> None:
    """A dashboard notice and a legal e-mail to every member of every offeror, in the same
    transaction as the decision (`notifications.services.notify_offerors`)."""
    outbox.notify_offerors(offer, kind=kind, object_key=f"formal:{offer.pk}:{_now():%Y%m%d%H%M%S}", title=title,
                           body=body, url=reverse("offers:offer_detail", kwargs={"pk": offer.pk}))
