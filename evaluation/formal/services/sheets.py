"""The sheets: opened with computed answers, answered, confirmed, approved (four eyes), reopened."""
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from competition import services as call_services
from competition.choices import FormalCheck, LegalForm
from competition.models import Call
from evaluation.formal import rules
from evaluation.formal.services.common import _event, _locked_sheet, _now, _offer_state
from evaluation.models import FormalAnswer, FormalEvent, FormalSheet
from offers.models import Offer
from signatures import selectors as signed_selectors


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
        signed=signed_selectors.signed_status(current),
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


def signatures_recorded(offer: Offer) -> None:
    """A signed confirmation was recorded (`signatures.registry`): an open sheet's computed answers follow."""
    sheet = FormalSheet.objects.filter(offer=offer, state=FormalSheet.State.OPEN).first()
    if sheet is not None:
        _refresh_auto(sheet)


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
