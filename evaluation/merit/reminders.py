"""Reminders for the commission (issue: nobody misses a deadline for lack of a reminder).

Before the call's scoring deadline (3 days and 1 day ahead, Warsaw wall clock) each member
with a declaration not made or a sheet not submitted gets one reminder naming how much is
left; when every declaration and every sheet is in, the chair gets one notice that the stage
can be closed. Recipients are computed when the reminder is planned and checked again just
before sending (`scoring_applies`, `complete_applies`), so a member who finished in between gets nothing.

This module says *what* to queue (registered in `EvaluationConfig.ready()` with
notifications.registry); `notifications.services` queues and sends it.
"""
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from competition.models import Call, CommissionMember
from evaluation.merit import selectors as selectors_merit
from notifications import rules
from notifications.models import Message
from notifications.registry import Planned


def planned(now: datetime) -> list[Planned]:
    out = []
    for call in Call.objects.filter(state=Call.State.MERIT_EVALUATION):
        if call.scoring_deadline and call.scoring_deadline > now:
            for kind, before in rules.SCORING_REMINDERS:
                moment = rules.due_now(call.scoring_deadline, before, now)
                if moment:
                    out += _scoring(call, kind, moment)
        out += _complete(call)
    return out


def _scoring(call: Call, kind: str, moment: datetime) -> list[Planned]:
    deadline = timezone.localtime(call.scoring_deadline).strftime("%d.%m.%Y %H:%M")
    gaps = selectors_merit.seat_gaps(call)
    out = []
    for seat in CommissionMember.objects.filter(call=call).select_related("user"):
        undeclared, unsent = gaps.get(seat.pk, (0, 0))
        if not undeclared and not unsent:
            continue
        subject = _("Reminder: score the offers of “%(call)s” by %(deadline)s") % {"call": call.title[:120],
                                                                                   "deadline": deadline}
        text = _("Impartiality declarations still to make: %(declarations)s. Score sheets still to submit: "
                 "%(sheets)s. The commission's scoring deadline is %(deadline)s.") % {
            "declarations": undeclared, "sheets": unsent, "deadline": deadline}
        out.append(Planned(kind, [seat.user], f"seat:{seat.pk}", subject, text,
                           reverse("commission:offers", kwargs={"slug": call.slug}), moment,
                           authority_id=call.authority_id))
    return out


def _complete(call: Call) -> list[Planned]:
    """One notice to the chair once everything is in; again only after a reopened sheet is resubmitted."""
    chair = selectors_merit.chair_of(call)
    last = selectors_merit.last_submission(call)
    if chair is None or last is None or not selectors_merit.progress(call).complete:
        return []
    subject = _("Every score sheet of “%(call)s” is in") % {"call": call.title[:120]}
    text = _("Every member has declared impartiality and submitted every score sheet. You can review the results "
             "and close the merit evaluation.")
    return [Planned(Message.Kind.COMMISSION_COMPLETE, [chair.user], f"call:{call.pk}", subject, text,
                    reverse("chair:progress", kwargs={"slug": call.slug}), last, authority_id=call.authority_id)]


def scoring_applies(message: Message) -> bool:
    """A scoring reminder ("seat:<pk>") only while the member still has something to do."""
    pk = message.object_key.split(":")[1]
    seat = CommissionMember.objects.filter(pk=pk, user_id=message.user_id).select_related("call").first()
    if seat is None or seat.call.state != Call.State.MERIT_EVALUATION:
        return False
    return any(selectors_merit.seat_gaps(seat.call).get(seat.pk, (0, 0)))


def complete_applies(message: Message) -> bool:
    """"Everything is in" ("call:<pk>") only while it is, and only to the chair."""
    pk = message.object_key.split(":")[1]
    call = Call.objects.filter(pk=pk).first()
    return bool(call and call.state == Call.State.MERIT_EVALUATION and selectors_merit.progress(call).complete
                and selectors_merit.is_chair(message.user, call))
