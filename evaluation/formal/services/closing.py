"""Closing the stage (admit or reject every offer), and annulment (art. 18a of the Act)."""
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override

from competition import services as call_services
from competition.models import Call
from evaluation.formal import rules
from evaluation.formal.services.common import _event, _notify_offerors, _now, _offer_state, _require_stage
from evaluation.models import FormalEvent, FormalSheet
from notifications.models import Message
from offers.models import Offer


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
