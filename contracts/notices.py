"""What contracts tell the outbox (registered in `ContractsConfig.ready()` with
notifications.registry): the reminders of the reports (partial and final) and their check."""
from datetime import datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from contracts.final_report import rules as report_rules
from contracts.final_report import selectors as report_selectors
from contracts.models import Contract
from notifications import rules
from notifications.models import Message
from notifications.registry import Planned
from offers.notices import offer_members, offer_sender

REPORT_OPEN = ("draft", "returned")
WINDOW = 14  # days before a due day the first reminder goes (notifications.rules.REPORT_REMINDERS)


def _key(contract: Contract, period: report_rules.Period) -> str:
    """"contract:<pk>" for the final report (as it always was), "contract:<pk>:<year>" for the
    partial report of a budget year."""
    return f"contract:{contract.pk}" if period.kind == "final" else f"contract:{contract.pk}:{period.end.year}"


def _url(contract: Contract, period: report_rules.Period) -> str:
    if period.kind == "final":
        return reverse("final_report:report", kwargs={"pk": contract.pk})
    return reverse("final_report:partial_report", kwargs={"pk": contract.pk, "year": period.end.year})


def _texts(contract: Contract, period: report_rules.Period, overdue: bool) -> tuple[str, str]:
    values = {"number": contract.number, "due": period.due.strftime("%d.%m.%Y"), "title": contract.offer.title,
              "report": report_rules.period_name(period.kind, period.end.year)}
    if overdue:
        return (_("%(report)s on contract %(number)s is overdue (it was due on %(due)s)") % values,
                _("%(report)s on the task “%(title)s” was due on %(due)s and has not been submitted. Submit it as "
                  "soon as possible; a late report is recorded as late.") % values)
    return (_("Reminder: %(report)s on contract %(number)s is due by %(due)s") % values,
            _("Submit %(report)s on the task “%(title)s” by %(due)s: what was done, the results achieved and the "
              "costs incurred.") % values)


def planned(now: datetime) -> list[Planned]:
    """Grantees whose report (partial or final) is not submitted: 14 and 3 days before it is due,
    and the day after, when it is overdue. Idempotent: the outbox keeps one message per kind,
    user and key (`notifications.services.queue`)."""
    today = timezone.localdate(now)
    out = []
    # a partial report is due before the final one: a contract whose final report is past is done
    active = Contract.objects.filter(report_due__gte=today - timedelta(days=1), start_date__lte=today + timedelta(days=WINDOW))
    for contract in active.select_related("offer", "call").prefetch_related("reports"):
        started = {(r.kind, r.period_end): r for r in contract.reports.all()}
        for period in report_selectors.periods(contract):
            if not today - timedelta(days=1) <= period.due <= today + timedelta(days=WINDOW):
                continue
            report = started.get((period.kind, period.end))
            if report is not None and report.state not in REPORT_OPEN:
                continue
            out += _reminders(contract, period, now)
    return out


def _reminders(contract: Contract, period: report_rules.Period, now: datetime) -> list[Planned]:
    out = []
    for kind, days in rules.REPORT_REMINDERS:
        moment = rules.report_reminder_now(period.due, days, now)
        if moment:
            subject, text = _texts(contract, period, days < 0)
            out.append(Planned(kind, list(offer_members(contract.offer)), _key(contract, period), subject, text,
                               _url(contract, period), moment, offer_sender(contract.offer), contract.call.authority_id))
    return out


def contract_applies(message: Message) -> bool:
    """Any message about a contract ("contract:<pk>[:<year>]"): the report reminders are checked
    (`report_applies`); the others always apply."""
    return report_applies(message) if message.kind.startswith("report_") else True


def report_applies(message: Message) -> bool:
    """A report reminder still applies: the report is not submitted and the user still acts for
    one of the offerors."""
    parts = message.object_key.split(":")
    contract = Contract.objects.filter(pk=int(parts[1])).select_related("offer").first()
    if contract is None:
        return False
    reports = contract.reports.all()
    report = (reports.filter(kind="partial", period_end__year=int(parts[2])) if len(parts) > 2
              else reports.filter(kind="final")).first()
    if report is not None and report.state not in REPORT_OPEN:
        return False
    return message.user_id is None or offer_members(contract.offer).filter(pk=message.user_id).exists()
