"""Paper confirmations: recording one as it arrives, voiding a mis-keyed entry."""
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from competition.models import Call
from evaluation.formal import rules
from evaluation.formal.services.common import _event, _now, _require_stage
from evaluation.formal.services.sheets import _refresh_auto
from evaluation.models import ConfirmationReceipt, FormalEvent, FormalSheet
from offers.models import Offer


class MismatchNotConfirmed(ValidationError):
    """The typed control sum is not the submitted version's, and the clerk has not yet said
    that they checked the paper again: a typing error must not become a recorded mismatch."""


def _receipt_editable(offer: Offer) -> None:
    _require_stage(offer.call, Call.State.PUBLISHED, Call.State.SUBMISSION_CLOSED, Call.State.FORMAL_CHECK)
    if offer.state not in (Offer.State.SUBMITTED, Offer.State.RETURNED):
        raise ValidationError(_("Only a submitted offer has a confirmation to record."))


@transaction.atomic
def receipt_record(*, offer: Offer, received_at: datetime, received_by: str, checksum_read: str, signed: bool,
                   by, note: str = "", mismatch_confirmed: bool = False,
                   now: datetime | None = None) -> ConfirmationReceipt:
    """Record a signed confirmation as it arrives; a control sum of another version is flagged
    loudly, and recorded only when the clerk confirms they checked the paper again
    (`mismatch_confirmed`; otherwise MismatchNotConfirmed and nothing is written)."""
    now = now or _now()
    offer = Offer.objects.select_for_update().select_related("call").get(pk=offer.pk)
    _receipt_editable(offer)
    if received_at > now:
        raise ValidationError(_("The time of receipt cannot be in the future."))
    if not rules.normalise_checksum(checksum_read):
        raise ValidationError(_("Type the control sum printed on the confirmation (or scan its code)."))
    versions = list(offer.versions.order_by("-number"))
    current = versions[0]
    matched = next((v for v in versions if rules.checksum_matches(checksum_read, v.checksum)), None)
    if matched != current and not mismatch_confirmed:
        raise MismatchNotConfirmed(
            _("The control sum typed does not match the submitted version of the offer. Check it again against "
              "the paper: correct what was typed, or confirm that the paper carries this control sum."),
            code="mismatch")
    receipt = ConfirmationReceipt.objects.create(
        offer=offer, version=current, received_at=received_at, received_by=received_by.strip(),
        checksum_read=checksum_read.strip(), matches=matched == current,
        matched_version=matched.number if matched else None, signed=signed, note=note.strip(),
        recorded_by=by, recorded_at=now,
    )
    kind = FormalEvent.Kind.RECEIPT if receipt.matches else FormalEvent.Kind.MISMATCH
    _event(offer.call, kind, by, offer=offer, now=now, receipt=receipt.pk, read=receipt.checksum_read,
           matched_version=receipt.matched_version, current_version=current.number)
    sheet = FormalSheet.objects.filter(offer=offer, state=FormalSheet.State.OPEN).first()
    if sheet:
        _refresh_auto(sheet)
    return receipt


@transaction.atomic
def receipt_void(*, receipt: ConfirmationReceipt, by, reason: str, now: datetime | None = None) -> ConfirmationReceipt:
    """Void a mis-keyed entry: it stays in the record, struck through, with who voided it, when
    and why, and no longer counts; the confirmation can then be recorded again."""
    now = now or _now()
    offer = Offer.objects.select_for_update().select_related("call").get(pk=receipt.offer_id)
    _receipt_editable(offer)
    receipt = ConfirmationReceipt.objects.select_for_update().get(pk=receipt.pk, offer=offer)
    if receipt.voided:
        raise ValidationError(_("This entry was already voided."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for voiding the entry, e.g. the control sum was "
                                           "mistyped; it stays in the record.")})
    receipt.voided_at, receipt.voided_by, receipt.void_reason = now, by, reason.strip()
    receipt.save(update_fields=["voided_at", "voided_by", "void_reason"])
    _event(offer.call, FormalEvent.Kind.VOIDED, by, offer=offer, now=now, receipt=receipt.pk,
           read=receipt.checksum_read, reason=receipt.void_reason)
    sheet = FormalSheet.objects.filter(offer=offer, state=FormalSheet.State.OPEN).first()
    if sheet:
        _refresh_auto(sheet)
    return receipt
