"""What the negotiation of a lower grant tells the outbox (registered in `AwardsConfig.ready()`
with notifications.registry): the reminders to answer a lower grant and their check; and the
office's notice of an offeror giving up its grant."""
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from accounts.permissions import CLERK, DECIDER
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.money import format_money
from notifications import services as outbox

from notifications import rules
from notifications.models import Message
from notifications.registry import Planned
from offers.models import Offer
from offers.notices import offer_members, offer_of, offer_sender


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
                               reverse("offers:offer_detail", kwargs={"pk": offer.pk}), moment, offer_sender(offer),
                               offer.call.authority_id))
    return out


def negotiation_applies(message: Message) -> bool:
    """Only while the offer still waits for the answer and its deadline has not passed."""
    if not message.object_key.startswith("offer:"):
        return True
    offer = offer_of(message)
    return (bool(offer) and offer.state == Offer.State.NEGOTIATION and offer.fixed_until is not None
            and offer.fixed_until > timezone.now())


def office_users(call) -> list:
    """Who in the office hears of a change of the decision's money: the clerks and the deciding
    authority of the call's authority (no other authority's officials)."""
    users = get_user_model().objects.filter(authority_roles__authority_id=call.authority_id,
                                            authority_roles__role__in=(CLERK, DECIDER), is_active=True)
    return list(users.distinct().order_by("pk"))


def withdrawal_to_office(offer: Offer, freed: dict[str, str], reason: str) -> None:
    """The clerks and the authority learn that an offeror gave up its grant, how much is freed per
    action and why (in the caller's transaction; sent after the commit)."""
    with override(settings.LANGUAGE_CODE):
        amounts = "; ".join(f"{code}: {format_money(value)}" for code, value in sorted(freed.items()))
        subject = _("Offer %(number)s resigned from its grant") % {"number": offer.number}
        text = _("The offeror of “%(title)s” resigned from the grant awarded (%(amounts)s) before the contract. "
                 "Reason: %(reason)s. The money can be re-allocated to the next offers in the ranking on the "
                 "re-allocation page.") % {"title": offer.title, "amounts": amounts or "—", "reason": reason or "—"}
        outbox.queue(kind=Message.Kind.AWARD, users=office_users(offer.call), object_key=f"withdrawal:{offer.pk}",
                     subject=subject, text=text, legal=True, html=False,
                     url=reverse("negotiation:reallocation", kwargs={"slug": offer.call.slug}))
