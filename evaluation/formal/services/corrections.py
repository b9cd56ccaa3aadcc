"""Returning an offer for correction of formal defects, and its return."""
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from evaluation.formal.services.common import _event, _locked_sheet, _notify_offerors, _now, _offer_state
from evaluation.formal.services.sheets import _refresh_auto
from evaluation.models import CorrectionRequest, FormalEvent, FormalSheet
from notifications.models import Message
from offers.models import Offer
from offers.rules import SECTION_LABELS, SECTIONS
from offers.signals import offer_resubmitted


@transaction.atomic
def sheet_return_for_correction(*, sheet: FormalSheet, sections: list[str], defects: str, by,
                                now: datetime | None = None) -> CorrectionRequest:
    """Re-open only the named sections of the offer for `call.correction_days` days."""
    now = now or _now()
    sheet = _locked_sheet(sheet)
    call = sheet.offer.call
    if not call.correction_days:
        raise ValidationError(_("This call does not allow returning offers for correction."))
    if sheet.state != FormalSheet.State.OPEN:
        raise ValidationError(_("Reopen the sheet before returning the offer for correction."))
    unknown = [s for s in sections if s not in SECTIONS]
    if not sections or unknown:
        raise ValidationError(_("Name the sections of the offer to correct."))
    if not (defects or "").strip():
        raise ValidationError(_("Describe the formal defects to correct."))
    correction = CorrectionRequest.objects.create(
        offer=sheet.offer, sections=list(sections), defects=defects.strip(),
        deadline=now + timedelta(days=call.correction_days), requested_by=by, requested_at=now,
    )
    _offer_state(sheet.offer_id, Offer.State.RETURNED)
    sheet.state = FormalSheet.State.RETURNED
    sheet.save(update_fields=["state"])
    _event(call, FormalEvent.Kind.RETURNED, by, offer=sheet.offer, now=now, sections=list(sections),
           defects=correction.defects, deadline=correction.deadline.isoformat())
    with override(settings.LANGUAGE_CODE):
        title = _("Offer %(number)s returned for correction") % {"number": sheet.offer.number}
        body = _("Correct by %(deadline)s: %(defects)s (sections: %(sections)s).") % {
            "deadline": timezone.localtime(correction.deadline).strftime("%d.%m.%Y %H:%M"),
            "defects": correction.defects, "sections": ", ".join(str(SECTION_LABELS[s]) for s in sections)}
        _notify_offerors(sheet.offer, title, body, kind=Message.Kind.RETURNED)
    return correction


@receiver(offer_resubmitted)
def _on_resubmitted(sender, offer: Offer, by, now: datetime, **kwargs):
    """A corrected offer is back: its sheet opens again with fresh automatic answers."""
    correction = offer.corrections.filter(resubmitted_at__isnull=True).order_by("-requested_at").first()
    if correction:
        correction.resubmitted_at = now
        correction.save(update_fields=["resubmitted_at"])
    sheet = FormalSheet.objects.filter(offer=offer).first()
    if sheet:
        sheet.state, sheet.result = FormalSheet.State.OPEN, ""
        sheet.save(update_fields=["state", "result"])
        _refresh_auto(sheet)
    _event(offer.call, FormalEvent.Kind.RESUBMITTED, by, offer=offer, now=now)
