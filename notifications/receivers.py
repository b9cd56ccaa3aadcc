"""Messages queued on events of other apps."""
from django.conf import settings
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from notifications.services import offer_members, queue
from offers.signals import offer_submitted


@receiver(offer_submitted)
def _offer_submitted(sender, version, **kwargs):
    """"Offer received" with the confirmation PDF attached: a legal notice, always sent."""
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
              attachment=f"confirmation:{offer.pk}:{version.number}")
