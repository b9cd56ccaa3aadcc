"""Writes of the early end of a contract: one atomic, recorded change (`Termination`, a
`ContractEvent`, the history tables), the grantee and the office notified after the commit, and
the published results refreshed (they say why the offer's grant did not run its course)."""
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from awards import notices as award_notices
from awards import published
from contracts.models import Contract, ContractEvent
from contracts.termination import rules
from contracts.termination.models import Termination
from core.money import format_money
from notifications import services as outbox
from notifications.models import Message


def _now() -> datetime:
    return timezone.now()


@transaction.atomic
def contract_terminate(*, contract: Contract, ending: rules.Ending, reason: str, by,
                       now: datetime | None = None) -> Termination:
    """Record that the contract ends early (`ending`: how, from which day, the money), with the
    reason; the grant to return is what was transferred and not spent properly by then."""
    now = now or _now()
    contract = Contract.objects.select_for_update().select_related("call", "offer").get(pk=contract.pk)
    if Termination.objects.filter(contract=contract).exists():
        raise ValidationError(_("This contract is already terminated."))
    problems = rules.termination_problems(ending, signed_on=contract.signed_on, end_date=contract.end_date,
                                          grant=contract.grant_total, today=timezone.localdate(now),
                                          money=format_money)
    if not (reason or "").strip():
        problems["reason"] = _("Give the reason for ending the contract; it is recorded and the grantee receives it.")
    if problems:
        raise ValidationError(problems)
    amount = rules.to_return(ending.paid, ending.spent)
    termination = Termination.objects.create(
        contract=contract, kind=ending.kind, ground=ending.ground, on=ending.on, reason=reason.strip(),
        paid=ending.paid, spent=ending.spent, to_return=amount, return_by=ending.return_by if amount else None,
        recorded_by=by, recorded_at=now)
    ContractEvent.objects.create(contract=contract, kind=ContractEvent.Kind.TERMINATED, by=by, at=now, details={
        "kind": ending.kind, "ground": ending.ground, "on": ending.on.isoformat(), "reason": reason.strip(),
        "paid": str(ending.paid), "spent": str(ending.spent), "to_return": str(amount),
        "return_by": termination.return_by.isoformat() if termination.return_by else ""})
    _notify(termination)
    published.after_change(contract.call)  # the published results say the contract was terminated
    return termination


def _notify(termination: Termination) -> None:
    contract = termination.contract
    with override(settings.LANGUAGE_CODE):
        title = _("Contract %(number)s: %(kind)s on %(day)s") % {
            "number": contract.number, "kind": termination.get_kind_display(),
            "day": termination.on.strftime("%d.%m.%Y")}
        lines = [_("Reason: %(reason)s") % {"reason": termination.reason}]
        if termination.to_return:
            lines.append(_("Grant to return: %(amount)s by %(day)s to the authority's account. %(interest)s") % {
                "amount": format_money(termination.to_return), "day": termination.return_by.strftime("%d.%m.%Y"),
                "interest": rules.interest_note(termination.kind)})
        body = "\n".join(lines)
        url = reverse("contracts:contract", kwargs={"pk": contract.pk})
        outbox.notify_offerors(contract.offer, kind=Message.Kind.CONTRACT_CHANGE,
                               object_key=f"termination:{contract.pk}", title=title, body=body, url=url)
        outbox.queue(kind=Message.Kind.CONTRACT_CHANGE, users=award_notices.office_users(contract.call),
                     object_key=f"termination:{contract.pk}", subject=title, text=body, url=url, legal=True,
                     html=False)
