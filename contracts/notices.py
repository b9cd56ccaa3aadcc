"""What contracts tell the outbox (registered in `ContractsConfig.ready()` with
notifications.registry): the reminders of the final report and their check."""
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from contracts.models import Contract
from notifications import rules
from notifications.models import Message
from notifications.registry import Planned
from offers.notices import offer_members

REPORT_OPEN = ("draft", "returned")


def planned(now: datetime) -> list[Planned]:
    """Grantees whose final report is not submitted: 14 and 3 days before it is due, and the
    day after, when it is overdue."""
    today = timezone.localdate(now)
    out = []
    window = Contract.objects.filter(report_due__gte=today - timedelta(days=1), report_due__lte=today + timedelta(days=14))
    for contract in window.select_related("offer", "report", "call"):
        report = getattr(contract, "report", None)
        if report is not None and report.state not in REPORT_OPEN:
            continue
        for kind, days in rules.REPORT_REMINDERS:
            moment = rules.report_reminder_now(contract.report_due, days, now)
            if not moment:
                continue
            values = {"number": contract.number, "due": contract.report_due.strftime("%d.%m.%Y"),
                      "title": contract.offer.title}
            if days < 0:
                subject = _("The final report on contract %(number)s is overdue (it was due on %(due)s)") % values
                text = _("The final report on the task “%(title)s” was due on %(due)s and has not been submitted. "
                         "Submit it as soon as possible; a late report is recorded as late.") % values
            else:
                subject = _("Reminder: the final report on contract %(number)s is due by %(due)s") % values
                text = _("Submit the final report on the task “%(title)s” by %(due)s: what was done, the results "
                         "achieved and the costs incurred.") % values
            out.append(Planned(kind, list(offer_members(contract.offer)), f"contract:{contract.pk}",
                               subject, text, reverse("final_report:report", kwargs={"pk": contract.pk}),
                               moment, contract.call.authority_id))
    return out


def contract_applies(message: Message) -> bool:
    """Any message about a contract ("contract:<pk>"): the final-report reminders are checked
    (`report_applies`); the others always apply."""
    return report_applies(message) if message.kind.startswith("report_") else True


def report_applies(message: Message) -> bool:
    """A final-report reminder ("contract:<pk>") still applies: the report is not submitted and
    the user still acts for one of the offerors."""
    contract_pk = int(message.object_key.split(":")[1])
    contract = Contract.objects.filter(pk=contract_pk).select_related("offer", "report").first()
    if contract is None:
        return False
    report = getattr(contract, "report", None)
    if report is not None and report.state not in REPORT_OPEN:
        return False
    return message.user_id is None or offer_members(contract.offer).filter(pk=message.user_id).exists()
