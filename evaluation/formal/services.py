"""Writes of the formal check. Each function is one atomic, recorded change.

Flow: submissions close → `formal_check_start` opens a sheet per submitted offer with the
computed answers → clerks record paper confirmations (`receipt_record`), answer and confirm
sheets (a second clerk approves them when the call asks for four eyes), may return an offer
for correction if the call allows it → `formal_check_close` admits or rejects every offer,
tells the applicants, and moves the call to merit evaluation. A call with no submitted
offers, or none admitted, can be annulled instead (art. 18a of the Act).
"""
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from competition import services as call_services
from competition.choices import FormalCheck, LegalForm
from competition.models import Call
from evaluation.formal import rules
from evaluation.models import ConfirmationReceipt, CorrectionRequest, FormalAnswer, FormalEvent, FormalSheet
from notifications import services as outbox
from notifications.models import Message
from offers.models import Offer
from offers.rules import SECTION_LABELS, SECTIONS
from offers.signals import offer_resubmitted


def _now() -> datetime:
    return timezone.now()


def _event(call: Call, kind: str, by, *, offer=None, now=None, **details) -> FormalEvent:
    return FormalEvent.objects.create(call=call, offer=offer, kind=kind, by=by, at=now or _now(), details=details)


def _require_stage(call: Call, *states) -> None:
    if call.state not in states:
        raise ValidationError(_("This cannot be done at the stage “%(state)s”.") % {"state": call.get_state_display()})


# --- paper confirmations -------------------------------------------------------------------------


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


# --- sheets ----------------------------------------------------------------------------------------


def offer_facts(offer: Offer) -> rules.OfferFacts:
    current = offer.versions.order_by("-number").first()
    receipts = list(offer.receipts.filter(voided_at__isnull=True).order_by("received_at", "pk"))
    matching = [r for r in receipts if current and rules.checksum_matches(r.checksum_read, current.checksum)]
    offerors = [offer.organisation, *[p.organisation for p in offer.partners.select_related("organisation")]]
    return rules.OfferFacts(
        submitted_at=current.submitted_at if current else None,
        receipt_at=matching[0].received_at if matching else None,
        receipt_signed=matching[0].signed if matching else None,
        mismatched_receipts=len(receipts) - len(matching),
        offerors=[(o.name, o.legal_form) for o in offerors],
        zone_count=offer.zones.count(),
    )


def compute_check(check: str, offer: Offer, facts: rules.OfferFacts) -> rules.Check:
    call = offer.call
    correction = offer.corrections.filter(resubmitted_at__isnull=False).order_by("-requested_at").first()
    if check == FormalCheck.SUBMITTED_ON_TIME:
        deadline = correction.deadline if correction else call.submission_deadline
        return rules.submitted_on_time(facts.submitted_at, deadline)
    if check == FormalCheck.CONFIRMATION_ON_TIME:
        deadline = max(call.confirmation_deadline, correction.deadline) if correction else call.confirmation_deadline
        return rules.confirmation_on_time(facts, deadline)
    if check == FormalCheck.ELIGIBLE_ENTITY:
        return rules.eligible_entity(facts.offerors, call.eligible_entity_types, dict(LegalForm.choices))
    if check == FormalCheck.ZONES_COVERED:
        return rules.zones_covered(facts.zone_count)
    return rules.Check(None, "")


def _refresh_auto(sheet: FormalSheet) -> None:
    """Recompute the automatic answers; the clerk's own answers stay. The reasons are stored
    in the portal's language, whatever the language of the clerk's screen."""
    facts = offer_facts(sheet.offer)
    with override(settings.LANGUAGE_CODE):
        for answer in sheet.answers.select_related("criterion"):
            check = compute_check(answer.criterion.auto_check, sheet.offer, facts)
            answer.auto_value, answer.auto_reason = check.value, str(check.reason)
            answer.save(update_fields=["auto_value", "auto_reason"])


def _open_sheet(offer: Offer) -> FormalSheet:
    sheet, _created = FormalSheet.objects.get_or_create(offer=offer)
    for criterion in offer.call.formal_criteria.all():
        FormalAnswer.objects.get_or_create(sheet=sheet, criterion=criterion)
    _refresh_auto(sheet)
    return sheet


@transaction.atomic
def formal_check_start(*, call: Call, by, now: datetime | None = None) -> Call:
    """Move the call from "submission closed" to the formal check and open a sheet per submitted offer."""
    now = now or _now()
    call = call_services.call_transition(call=call, to=Call.State.FORMAL_CHECK, by=by, now=now)
    offers = Offer.objects.filter(call=call, state=Offer.State.SUBMITTED).select_related("call", "organisation")
    for offer in offers:
        _open_sheet(offer)
    _event(call, FormalEvent.Kind.OPENED, by, now=now, offers=offers.count())
    return call


def _locked_sheet(sheet: FormalSheet) -> FormalSheet:
    sheet = FormalSheet.objects.select_for_update().select_related("offer__call").get(pk=sheet.pk)
    _require_stage(sheet.offer.call, Call.State.FORMAL_CHECK)
    return sheet


@transaction.atomic
def sheet_answer(*, sheet: FormalSheet, answers: dict[int, tuple[bool | None, str]], by,
                 now: datetime | None = None) -> FormalSheet:
    """Save the clerk's answers ({criterion id: (yes/no, reason)}); a "no" or an override needs a reason."""
    now = now or _now()
    sheet = _locked_sheet(sheet)
    if sheet.state != FormalSheet.State.OPEN:
        raise ValidationError(_("The sheet is not open (%(state)s); reopen it to change an answer.")
                              % {"state": sheet.get_state_display()})
    errors = {}
    rows = {a.criterion_id: a for a in sheet.answers.select_related("criterion")}
    for criterion_id, (value, reason) in answers.items():
        answer = rows.get(criterion_id)
        if answer is None:
            continue
        if value is None:
            continue  # nothing chosen: a reason alone is not an answer
        message = rules.answer_reason_error(value, answer.auto_value, reason)
        if message:
            errors[criterion_id] = message
            continue
        if (answer.value, answer.reason) == (value, (reason or "").strip()):
            continue
        answer.value, answer.reason = value, (reason or "").strip()
        answer.answered_by, answer.answered_at = by, now
        answer.save()
        kind = FormalEvent.Kind.OVERRIDDEN if answer.overridden else FormalEvent.Kind.ANSWERED
        _event(sheet.offer.call, kind, by, offer=sheet.offer, now=now, criterion=answer.criterion.question,
               value=value, auto_value=answer.auto_value, reason=answer.reason)
    if errors:
        transaction.set_rollback(True)
        raise ValidationError({str(k): v for k, v in errors.items()})
    return sheet


@transaction.atomic
def sheet_confirm(*, sheet: FormalSheet, by, now: datetime | None = None) -> FormalSheet:
    now = now or _now()
    sheet = _locked_sheet(sheet)
    if sheet.state != FormalSheet.State.OPEN:
        raise ValidationError(_("The sheet is already confirmed."))
    answers = list(sheet.answers.select_related("criterion"))
    for answer in answers:
        message = rules.answer_reason_error(answer.value, answer.auto_value, answer.reason)
        if message:
            raise ValidationError(_("%(criterion)s: %(message)s") % {"criterion": answer.criterion.question,
                                                                      "message": message})
    sheet.result = rules.sheet_result([a.value for a in answers])
    sheet.state, sheet.confirmed_by, sheet.confirmed_at = FormalSheet.State.CONFIRMED, by, now
    sheet.save()
    _event(sheet.offer.call, FormalEvent.Kind.CONFIRMED, by, offer=sheet.offer, now=now, result=sheet.result)
    return sheet


@transaction.atomic
def sheet_approve(*, sheet: FormalSheet, by, now: datetime | None = None) -> FormalSheet:
    """Four eyes: a second clerk, not the one who confirmed, confirms the sheet."""
    now = now or _now()
    sheet = _locked_sheet(sheet)
    if not sheet.offer.call.four_eyes:
        raise ValidationError(_("This call does not use a second confirmation."))
    if sheet.state != FormalSheet.State.CONFIRMED:
        raise ValidationError(_("Only a confirmed sheet can get the second confirmation."))
    answered_by = set(sheet.answers.exclude(answered_by=None).values_list("answered_by_id", flat=True))
    if sheet.confirmed_by_id == by.pk or by.pk in answered_by:
        raise ValidationError(_("The second confirmation must come from a clerk who neither answered nor confirmed "
                                "this sheet."))
    sheet.state, sheet.approved_by, sheet.approved_at = FormalSheet.State.APPROVED, by, now
    sheet.save()
    _event(sheet.offer.call, FormalEvent.Kind.APPROVED, by, offer=sheet.offer, now=now, result=sheet.result)
    return sheet


def _offer_state(offer_pk: int, state: str) -> None:
    """The formal check moves the offer on: saved (not a queryset update) so the audit trail has it."""
    offer = Offer.objects.get(pk=offer_pk)
    offer.state = state
    offer.save(update_fields=["state", "updated_at"])


@transaction.atomic
def sheet_reopen(*, sheet: FormalSheet, by, reason: str, now: datetime | None = None) -> FormalSheet:
    now = now or _now()
    sheet = _locked_sheet(sheet)
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for reopening the sheet."))
    if sheet.state == FormalSheet.State.RETURNED:
        correction = sheet.offer.corrections.filter(resubmitted_at__isnull=True).order_by("-requested_at").first()
        if correction and now <= correction.deadline:
            raise ValidationError(_("The applicant may correct the offer until %(deadline)s; reopen it after that.")
                                  % {"deadline": timezone.localtime(correction.deadline).strftime("%d.%m.%Y %H:%M")})
        # not corrected in time: the last submitted version is checked as it stands
        _offer_state(sheet.offer_id, Offer.State.SUBMITTED)
    elif sheet.state not in (FormalSheet.State.CONFIRMED, FormalSheet.State.APPROVED):
        raise ValidationError(_("Only a confirmed sheet, or one whose correction period has ended, can be reopened."))
    sheet.state, sheet.result = FormalSheet.State.OPEN, ""
    sheet.approved_by = sheet.approved_at = None
    sheet.save()
    _refresh_auto(sheet)
    _event(sheet.offer.call, FormalEvent.Kind.REOPENED, by, offer=sheet.offer, now=now, reason=reason.strip())
    return sheet


# --- correction of formal defects -----------------------------------------------------------------


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


# --- closing the stage, annulment ------------------------------------------------------------------


def _notify_offerors(offer: Offer, title: str, body: str, *, kind: str) -> None:
    """A dashboard notice and a legal e-mail to every member of every offeror, in the same
    transaction as the decision (`notifications.services.notify_offerors`)."""
    outbox.notify_offerors(offer, kind=kind, object_key=f"formal:{offer.pk}:{_now():%Y%m%d%H%M%S}", title=title,
                           body=body, url=reverse("offers:offer_detail", kwargs={"pk": offer.pk}))


def result_reasons(sheet: FormalSheet) -> list[str]:
    return [f"{a.criterion.question} — {a.reason}" for a in sheet.answers.select_related("criterion") if a.value is False]


@transaction.atomic
def formal_check_close(*, call: Call, by, now: datetime | None = None) -> Call:
    """Admit or reject every offer, tell the applicants, move the call to merit evaluation."""
    now = now or _now()
    call = Call.objects.select_for_update().get(pk=call.pk)
    _require_stage(call, Call.State.FORMAL_CHECK)
    sheets = list(FormalSheet.objects.filter(offer__call=call).select_related("offer"))
    if not rules.can_close([s.state for s in sheets], four_eyes=call.four_eyes):
        missing = [s.offer.number for s in sheets if s.state not in ("confirmed", "approved")
                   or (call.four_eyes and s.state != "approved")]
        raise ValidationError(_("Every sheet must be confirmed first; still open: %(list)s.")
                              % {"list": ", ".join(missing)})
    with override(settings.LANGUAGE_CODE):
        for sheet in sheets:
            admitted = sheet.result == FormalSheet.Result.ADMITTED
            _offer_state(sheet.offer_id, Offer.State.ADMITTED if admitted else Offer.State.REJECTED)
            if admitted:
                title = _("Offer %(number)s admitted to merit evaluation") % {"number": sheet.offer.number}
                body = _("The offer “%(title)s” meets the formal criteria and goes to the commission.") % {
                    "title": sheet.offer.title}
            else:
                title = _("Offer %(number)s formally rejected") % {"number": sheet.offer.number}
                body = _("The offer “%(title)s” does not meet these formal criteria: %(reasons)s") % {
                    "title": sheet.offer.title, "reasons": "; ".join(result_reasons(sheet))}
            _notify_offerors(sheet.offer, title, body, kind=Message.Kind.FORMAL_RESULT)
    call = call_services.call_transition(call=call, to=Call.State.MERIT_EVALUATION, by=by, now=now)
    _event(call, FormalEvent.Kind.CLOSED, by, now=now,
           admitted=sum(1 for s in sheets if s.result == "admitted"),
           rejected=sum(1 for s in sheets if s.result == "rejected"))
    return call


def annulment_allowed(call: Call) -> bool:
    """Art. 18a: no offer was submitted, or none meets the requirements."""
    if call.state == Call.State.SUBMISSION_CLOSED:
        return not Offer.objects.filter(call=call, state=Offer.State.SUBMITTED).exists()
    if call.state in (Call.State.FORMAL_CHECK, Call.State.MERIT_EVALUATION):
        sheets = FormalSheet.objects.filter(offer__call=call)
        if call.state == Call.State.FORMAL_CHECK and sheets.exclude(state__in=("confirmed", "approved")).exists():
            return False
        return not sheets.filter(result=FormalSheet.Result.ADMITTED).exists()
    return False


@transaction.atomic
def call_annul(*, call: Call, by, reason: str, now: datetime | None = None) -> Call:
    call = Call.objects.select_for_update().get(pk=call.pk)
    if not (reason or "").strip():
        raise ValidationError(_("Give the reason for the annulment; it is published."))
    if not annulment_allowed(call):
        raise ValidationError(_("A call can be annulled only when no offer was submitted or none meets the "
                                "requirements (art. 18a of the Act)."))
    now = now or _now()
    call = call_services.call_transition(call=call, to=Call.State.ANNULLED, by=by, reason=reason.strip(), now=now)
    _event(call, FormalEvent.Kind.ANNULLED, by, now=now, reason=reason.strip())
    return call

