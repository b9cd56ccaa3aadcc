"""What offers tell the outbox (registered in `OffersConfig.ready()` with notifications.registry):
who the offerors of an offer are, the reminders before the submission and the confirmation
deadlines with their "does this still apply" checks, the "offer received" notice on
submission, and the confirmation PDF attached to it.

Reminder texts and timings are unchanged from when notifications planned them itself;
`notifications.services` queues and sends what is planned here.
"""
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from accounts.models import User
from authorities.selectors import email_sender
from competition.models import Call
from notifications import rules
from notifications.models import Message
from notifications.registry import Planned
from notifications.services import queue
from offers.models import Offer, OfferVersion


def offer_members(offer: Offer):
    """Every active member of every offeror of `offer`: the lead and the accepted partners."""
    orgs = [offer.organisation_id, *offer.partners.values_list("organisation_id", flat=True)]  # accepted only
    return User.objects.filter(memberships__organisation_id__in=orgs, is_active=True).distinct()


def offer_sender(offer: Offer) -> str:
    """The From header of messages about `offer`: its call's authority's own sender, or ""."""
    return email_sender(offer.call.authority)


# --- reminders ----------------------------------------------------------------------------------


def planned(now: datetime) -> list[Planned]:
    """Before the submission deadline, to drafts' offerors; before the confirmation deadline, to
    offerors whose signed confirmation is not recorded yet."""
    out = []
    for call in Call.objects.filter(state=Call.State.PUBLISHED, submission_deadline__gt=now):
        for kind, before in rules.SUBMISSION_REMINDERS:
            moment = rules.due_now(call.submission_deadline, before, now)
            if moment:
                out += _submission_reminders(call, kind, moment)
    open_confirmation = Call.objects.filter(
        state__in=(Call.State.PUBLISHED, Call.State.SUBMISSION_CLOSED, Call.State.FORMAL_CHECK),
        confirmation_deadline__gt=now)
    for call in open_confirmation:
        for kind, before in rules.CONFIRMATION_REMINDERS:
            moment = rules.due_now(call.confirmation_deadline, before, now)
            if moment:
                out += _confirmation_reminders(call, kind, moment)
    return out


def _submission_reminders(call: Call, kind: str, moment: datetime) -> list[Planned]:
    """Members of organisations with an unsubmitted draft in the call."""
    drafts = Offer.objects.filter(call=call, state=Offer.State.DRAFT)  # never for withdrawn offers
    deadline = timezone.localtime(call.submission_deadline).strftime("%d.%m.%Y %H:%M")
    out = []
    for offer in drafts.select_related("organisation"):
        subject = _("Reminder: offers in “%(call)s” are due by %(deadline)s") % {"call": call.title[:120],
                                                                                  "deadline": deadline}
        text = _("Your offer “%(title)s” has not been submitted yet. The submission deadline is %(deadline)s; "
                 "after it the offer cannot be submitted.") % {"title": offer.title or offer.pk, "deadline": deadline}
        out.append(Planned(kind, offer_members(offer), f"offer:{offer.pk}", subject, text,
                           reverse("offers:offer_detail", kwargs={"pk": offer.pk}), moment,
                           email_sender(call.authority), call.authority_id))
    return out


def _confirmation_reminders(call: Call, kind: str, moment: datetime) -> list[Planned]:
    """Offerors whose signed confirmation of the current version is not recorded yet."""
    deadline = timezone.localtime(call.confirmation_deadline).strftime("%d.%m.%Y %H:%M")
    out = []
    for offer in Offer.objects.filter(call=call, state=Offer.State.SUBMITTED).prefetch_related("receipts"):
        if any(r.matches and r.voided_at is None for r in offer.receipts.all()):
            continue
        subject = _("Reminder: deliver the signed confirmation of offer %(number)s by %(deadline)s") % {
            "number": offer.number, "deadline": deadline}
        text = _("The office has not recorded the signed confirmation of offer %(number)s yet. Deliver it to: "
                 "%(address)s by %(deadline)s; the date of receipt decides.") % {
            "number": offer.number, "address": call.confirmation_address, "deadline": deadline}
        out.append(Planned(kind, offer_members(offer), f"offer:{offer.pk}", subject, text,
                           reverse("offers:offer_detail", kwargs={"pk": offer.pk}), moment,
                           email_sender(call.authority), call.authority_id))
    return out


# --- "does this still apply", just before sending ---------------------------------------------------


def offer_of(message: Message) -> Offer | None:
    """The offer a message keyed "offer:<pk>" is about, if it still exists and the recipient still
    acts for one of its offerors; None otherwise (then nothing is sent)."""
    offer = Offer.objects.filter(pk=int(message.object_key.split(":")[1])).select_related("call").first()
    if offer is None:
        return None
    if message.user_id and not offer_members(offer).filter(pk=message.user_id).exists():
        return None
    return offer


def offer_applies(message: Message) -> bool:
    """Any message about an offer ("offer:<pk>"): only while the offer exists and the recipient
    still acts for one of its offerors."""
    return offer_of(message) is not None


def submission_applies(message: Message) -> bool:
    """A submission reminder: only for a draft, while the call takes offers."""
    if not message.object_key.startswith("offer:"):
        return True
    offer = offer_of(message)
    return bool(offer) and offer.state == Offer.State.DRAFT and offer.call.state == Call.State.PUBLISHED


def confirmation_applies(message: Message) -> bool:
    """A confirmation reminder: only for a submitted offer whose matching confirmation is not recorded."""
    if not message.object_key.startswith("offer:"):
        return True
    offer = offer_of(message)
    return bool(offer) and offer.state == Offer.State.SUBMITTED and not offer.receipts.filter(matches=True).exists()


# --- the "offer received" notice and its attachment --------------------------------------------------


def offer_submitted_notice(sender, version, **kwargs):
    """"Offer received" with the confirmation PDF attached: a legal notice, always sent
    (receiver of `offers.signals.offer_submitted`)."""
    offer = version.offer
    with override(settings.LANGUAGE_CODE), transaction.atomic():
        subject = _("Offer %(number)s received (version %(version)s)") % {"number": offer.number,
                                                                          "version": version.number}
        text = _("The offer “%(title)s” was submitted on %(at)s with the control sum %(sum)s. Print the attached "
                 "confirmation, have it signed and deliver it by %(deadline)s to: %(address)s.") % {
            "title": offer.title, "at": timezone.localtime(version.submitted_at).strftime("%d.%m.%Y %H:%M:%S"),
            "sum": version.short_checksum,
            "deadline": timezone.localtime(offer.call.confirmation_deadline).strftime("%d.%m.%Y %H:%M"),
            "address": offer.call.confirmation_address}
        queue(kind="submitted", users=offer_members(offer), object_key=f"version:{version.pk}", subject=subject,
              text=text, url=reverse("offers:offer_detail", kwargs={"pk": offer.pk}), legal=True,
              attachment=f"confirmation:{offer.pk}:{version.number}", sender=offer_sender(offer),
              authority_id=offer.call.authority_id)


def confirmation_attachment(offer_pk: str, number: str, *, render) -> tuple[str, bytes, str]:
    """The attachment "confirmation:<offer>:<version>": the version's confirmation PDF, made by
    `render(version)` (registered by the app that renders it)."""
    version = OfferVersion.objects.select_related("offer__call").get(offer_id=offer_pk, number=number)
    return (f"potwierdzenie-oferty-{version.offer.number}-v{version.number}.pdf", render(version),
            "application/pdf")
