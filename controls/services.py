"""Writes of control and of the return of a grant. Each function is one atomic, recorded change
(a `ControlEvent`, and the history tables); the grantee is told of every step that asks
something of it (a dashboard notice and an e-mail, `notify_offerors`).

Flow: a clerk plans a control of a signed contract (`control_plan`) → records it as carried out
with findings, recommendations and the deadline for the grantee's answer (`control_record`) → the
grantee answers (`control_answer`) → the clerk closes it (`control_close`). Money to give back is
demanded (`return_demand`, from a control or not) and its payment recorded (`return_paid`), which
fixes the interest computed to the day from the rate table.
"""
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from contracts.models import Contract
from controls import rules, selectors
from controls.models import Control, ControlEvent, GrantReturn
from core.money import format_money
from notifications import services as outbox
from notifications.models import Message


def _now() -> datetime:
    return timezone.now()


def _event(contract: Contract, kind: str, by, now: datetime, control: Control | None = None, **details) -> None:
    ControlEvent.objects.create(contract=contract, control=control, kind=kind, by=by, at=now, details=details)


def _notify(contract: Contract, key: str, title: str, body: str, url: str) -> None:
    outbox.notify_offerors(contract.offer, kind=Message.Kind.CONTROL, object_key=key, title=title, body=body, url=url)


def _day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


@transaction.atomic
def control_plan(*, contract: Contract, by, scope: list[str], starts_on: date, ends_on: date, place: str,
                 controllers: str, now: datetime | None = None) -> Control:
    """Plan a control of the contract and tell the grantee when and what it covers."""
    now = now or _now()
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    problems = rules.plan_problems(scope=scope, starts_on=starts_on, ends_on=ends_on, controllers=controllers,
                                   signed_on=contract.signed_on)
    if not place.strip():
        problems["place"] = _("Give the place of the control (the grantee's seat or where the task is carried out).")
    if problems:
        raise ValidationError(problems)
    number = (contract.controls.aggregate(m=Max("number"))["m"] or 0) + 1
    control = Control.objects.create(contract=contract, number=number, scope=[c for c in rules.SCOPES if c in scope],
                                     starts_on=starts_on, ends_on=ends_on, place=place.strip(),
                                     controllers=controllers.strip(), created_by=by, created_at=now)
    _event(contract, ControlEvent.Kind.PLANNED, by, now, control, number=number, starts_on=starts_on.isoformat(),
           ends_on=ends_on.isoformat())
    values = {"number": contract.number, "start": _day(starts_on), "end": _day(ends_on)}
    _notify(contract, f"control:{control.pk}", _("A control of contract %(number)s is planned") % values,
            _("The authority will control the task from %(start)s to %(end)s (art. 17 of the Act on public benefit "
              "activity): %(scope)s. Keep the documents of the task at hand.") % {
                **values, "scope": "; ".join(control.scope_labels())}, control.get_absolute_url())
    return control


@transaction.atomic
def control_record(*, control: Control, by, carried_out_on: date, findings: str, recommendations: str,
                   answer_due: date | None, now: datetime | None = None) -> Control:
    """Record the control as carried out: what it found, what it recommends, by when the grantee
    answers (no recommendations: nothing to answer, the control is closed)."""
    now = now or _now()
    control = Control.objects.select_for_update().get(pk=control.pk)
    if control.state != Control.State.PLANNED:
        raise ValidationError(_("This control is already recorded as carried out."))
    problems = rules.findings_problems(findings=findings, carried_out_on=carried_out_on, starts_on=control.starts_on,
                                       answer_due=answer_due, recommendations=recommendations,
                                       today=timezone.localdate(now))
    if problems:
        raise ValidationError(problems)
    recommended = bool(recommendations.strip())
    control.carried_out_on, control.findings = carried_out_on, findings.strip()
    control.recommendations = recommendations.strip()
    control.answer_due = answer_due if recommended else None
    control.state = Control.State.AWAITING_ANSWER if recommended else Control.State.CLOSED
    control.save()
    _event(control.contract, ControlEvent.Kind.CARRIED_OUT, by, now, control, carried_out_on=carried_out_on.isoformat(),
           answer_due=answer_due.isoformat() if recommended else None)
    values = {"number": control.contract.number}
    if recommended:
        body = _("The findings and recommendations are in the control's protocol. Say how you followed the "
                 "recommendations by %(due)s on the control's page.") % {"due": _day(answer_due)}
    else:
        body = _("The findings are in the control's protocol; there are no recommendations to answer.")
    _notify(control.contract, f"control:{control.pk}", _("The control of contract %(number)s: its findings") % values,
            body, control.get_absolute_url())
    return control


@transaction.atomic
def control_answer(*, control: Control, by, answer: str, now: datetime | None = None) -> Control:
    """The grantee says how it followed the recommendations (art. 17 of the Act)."""
    now = now or _now()
    control = Control.objects.select_for_update().get(pk=control.pk)
    if control.state != Control.State.AWAITING_ANSWER:
        raise ValidationError(_("This control awaits no answer."))
    if not answer.strip():
        raise ValidationError({"answer": _("Write how the recommendations were followed.")})
    control.answer, control.answered_at, control.answered_by = answer.strip(), now, by
    control.state = Control.State.ANSWERED
    control.save()
    late = timezone.localdate(now) > control.answer_due
    _event(control.contract, ControlEvent.Kind.ANSWERED, by, now, control, late=late)
    return control


@transaction.atomic
def control_close(*, control: Control, by, now: datetime | None = None) -> Control:
    now = now or _now()
    control = Control.objects.select_for_update().get(pk=control.pk)
    if control.state == Control.State.PLANNED:
        raise ValidationError(_("Record the control's findings before closing it."))
    if control.state == Control.State.CLOSED:
        raise ValidationError(_("This control is already closed."))
    control.state = Control.State.CLOSED
    control.save()
    _event(control.contract, ControlEvent.Kind.CLOSED, by, now, control)
    return control


@transaction.atomic
def return_demand(*, contract: Contract, by, kind: str, amount: Decimal, reason: str, found_on: date,
                  interest_from: date | None = None, control: Control | None = None,
                  now: datetime | None = None) -> GrantReturn:
    """Demand the return of part of the grant. The deadline and the first day of interest follow
    the kind (controls.rules); the clerk may set the first day of interest for money used against
    its purpose to a later tranche's transfer."""
    now = now or _now()
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if kind not in GrantReturn.Kind.values:
        raise ValidationError({"kind": _("Choose why the money is returned.")})
    if control is not None and control.contract_id != contract.pk:
        raise ValidationError(_("The control is of another contract."))
    due_on = rules.return_due_on(kind, found_on=found_on, spending_until=contract.end_date)
    first = selectors.first_transfer(contract)
    start = interest_from or rules.interest_start(kind, due_on=due_on, transferred_on=first or found_on)
    problems = rules.return_problems(amount=amount, grant=contract.grant_total,
                                     outstanding=selectors.returns_total(contract), found_on=found_on,
                                     today=timezone.localdate(now), interest_from=start, first_transfer=first)
    if not reason.strip():
        problems["reason"] = _("Give the reason for the return: what was found and on which document.")
    if problems:
        raise ValidationError(problems)
    number = (contract.grant_returns.aggregate(m=Max("number"))["m"] or 0) + 1
    grant_return = GrantReturn.objects.create(
        contract=contract, control=control, number=number, kind=kind, amount=amount, reason=reason.strip(),
        found_on=found_on, due_on=due_on, interest_from=start, demanded_by=by, demanded_at=now)
    _event(contract, ControlEvent.Kind.RETURN_DEMANDED, by, now, control, number=number, return_kind=kind,
           amount=str(amount), due_on=due_on.isoformat(), interest_from=start.isoformat())
    values = {"number": contract.number, "amount": format_money(amount), "due": _day(due_on),
              "start": _day(start)}
    _notify(contract, f"control:return:{grant_return.pk}",
            _("Demand to return %(amount)s of the grant under contract %(number)s") % values,
            _("Return %(amount)s by %(due)s. Interest as for tax arrears runs from %(start)s to the day of payment; "
              "the demand is on the contract's page.") % values,
            reverse("controls:contract_controls", kwargs={"pk": contract.pk}))
    return grant_return


@transaction.atomic
def return_paid(*, grant_return: GrantReturn, by, paid_on: date, now: datetime | None = None) -> GrantReturn:
    """Record the day the money came back; its interest is computed to that day and kept."""
    now = now or _now()
    grant_return = GrantReturn.objects.select_for_update().select_related("contract").get(pk=grant_return.pk)
    if grant_return.paid_on is not None:
        raise ValidationError(_("The payment of this return is already recorded."))
    if paid_on > timezone.localdate(now):
        raise ValidationError({"paid_on": _("A payment cannot be recorded on a day still to come.")})
    if paid_on < grant_return.found_on and grant_return.kind != GrantReturn.Kind.UNSPENT:
        raise ValidationError({"paid_on": _("The payment cannot be earlier than the day the return was established "
                                            "(%(day)s).") % {"day": _day(grant_return.found_on)}})
    try:
        interest = selectors.interest_of(grant_return, paid_on)
    except ValueError as exc:
        raise ValidationError({"paid_on": str(exc)}) from exc
    grant_return.paid_on, grant_return.interest, grant_return.paid_recorded_by = paid_on, interest.charged, by
    grant_return.save()
    _event(grant_return.contract, ControlEvent.Kind.RETURN_PAID, by, now, grant_return.control,
           number=grant_return.number, paid_on=paid_on.isoformat(), interest=str(interest.charged),
           interest_exact=str(interest.exact), days=interest.days)
    return grant_return
