"""What the negotiation of a lower grant tells the outbox (registered in `AwardsConfig.ready()`
with notifications.registry): the reminders to answer a lower grant and their check."""
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications import rules
from notifications.models import Message
from notifications.registry import Planned
from offers.models import Offer
from offers.notices import offer_members, offer_of


def planned(now: datetime) -> list[Planned]:
    """Offerors who have not answered a lower grant yet, 3 days and 1 day before the deadline."""
    out = []
    for offer in Offer.objects.filter(state=Offer.State.NEGOTIATION, fixed_until__gt=now).select_related("call"):
        for kind, before in rules.NEGOTIATION_REMINDERS:
            moment = rules.due_now(offer.fixed_until, before, now)
            if not moment:
                continue
            deadline = timezone.localtime(offer.fixed_until).strftime("%d.%m.%Y %H:%M")
            subject = _("Reminder: answer the lower grant for offer %(number)s by %(deadline)s") % {
                "number": offer.number, "deadline": deadline}
            text = _("The authority awarded the offer “%(title)s” less than it asked for. By %(deadline)s submit the "
                     "offer updated to the awarded grant, or resign from the grant on the offer's page; without an "
                     "answer the offer is treated as resigned.") % {"title": offer.title, "deadline": deadline}
            out.append(Planned(kind, list(offer_members(offer)), f"offer:{offer.pk}", subject, text,
                               reverse("offers:offer_detail", kwargs={"pk": offer.pk}), moment, offer.call.authority_id))
    return out


def negotiation_applies(message: Message) -> bool:
    """Only while the offer still waits for the answer and its deadline has not passed."""
    if not message.object_key.startswith("offer:"):
        return True
    offer = offer_of(message)
    return (bool(offer) and offer.state == Offer.State.NEGOTIATION and offer.fixed_until is not None
            and offer.fixed_until > timezone.now())
