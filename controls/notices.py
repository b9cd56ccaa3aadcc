"""What control tells the outbox (registered in `ControlsConfig.ready()` with
notifications.registry): reminders 3 days before the grantee's answer to a control is due and
before a demanded return is due, and their check."""
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from controls.models import Control, GrantReturn
from core.money import format_money
from notifications import rules
from notifications.models import Message
from notifications.registry import Planned
from offers.notices import offer_members, offer_sender

BEFORE_DAYS = 3
KIND = "control_3d"


def _window(now: datetime) -> tuple:
    today = timezone.localdate(now)
    return today, today + timedelta(days=BEFORE_DAYS)


def planned(now: datetime) -> list[Planned]:
    today, last = _window(now)
    out = []
    awaiting = Control.objects.filter(state=Control.State.AWAITING_ANSWER, answer_due__gte=today,
                                      answer_due__lte=last).select_related("contract__offer", "contract__call")
    for control in awaiting:
        moment = rules.report_reminder_now(control.answer_due, BEFORE_DAYS, now)
        if moment:
            values = {"number": control.contract.number, "due": control.answer_due.strftime("%d.%m.%Y")}
            out.append(Planned(KIND, list(offer_members(control.contract.offer)), f"control:{control.pk}",
                               _("Reminder: answer the control of contract %(number)s by %(due)s") % values,
                               _("Say on the control's page how you followed its recommendations, by %(due)s.") % values,
                               control.get_absolute_url(), moment, offer_sender(control.contract.offer),
                               control.contract.call.authority_id))
    unpaid = GrantReturn.objects.filter(paid_on__isnull=True, due_on__gte=today, due_on__lte=last).select_related(
        "contract__offer", "contract__call")
    for grant_return in unpaid:
        moment = rules.report_reminder_now(grant_return.due_on, BEFORE_DAYS, now)
        if moment:
            values = {"number": grant_return.contract.number, "due": grant_return.due_on.strftime("%d.%m.%Y"),
                      "amount": format_money(grant_return.amount)}
            out.append(Planned(KIND, list(offer_members(grant_return.contract.offer)),
                               f"control:return:{grant_return.pk}",
                               _("Reminder: return %(amount)s of the grant under contract %(number)s by %(due)s") % values,
                               _("After %(due)s interest as for tax arrears is added to the day of payment.") % values,
                               reverse("controls:contract_controls", kwargs={"pk": grant_return.contract_id}), moment,
                               offer_sender(grant_return.contract.offer), grant_return.contract.call.authority_id))
    return out


def control_applies(message: Message) -> bool:
    """A reminder still applies while the answer (or the payment) is still awaited; the notices
    of a step always apply."""
    if message.kind != KIND:
        return True
    parts = message.object_key.split(":")
    if parts[1] == "return":
        return GrantReturn.objects.filter(pk=int(parts[2]), paid_on__isnull=True).exists()
    return Control.objects.filter(pk=int(parts[1]), state=Control.State.AWAITING_ANSWER).exists()
