"""Reads of control: a contract's controls and returns, the interest of a return, the grant's
settlement, the office's list of a call's controls, and the documents' contexts."""
from datetime import date
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, Sum
from django.http import Http404
from django.utils import timezone

from contracts import selectors as contract_selectors
from contracts.final_report import selectors as report_selectors
from contracts.models import Contract
from controls import rules
from controls.models import Control, GrantReturn, InterestRate, InterestThreshold

ZERO = Decimal("0.00")
NOT_ACCEPTED = (GrantReturn.Kind.MISUSED, GrantReturn.Kind.EXCESS)


def rates() -> list[rules.Rate]:
    return [rules.Rate(r.valid_from, r.rate) for r in InterestRate.objects.all()]


def thresholds() -> list[tuple[date, Decimal]]:
    return list(InterestThreshold.objects.values_list("valid_from", "amount"))


def interest_of(grant_return: GrantReturn, paid_on: date) -> rules.Interest:
    """The interest due when the return is paid on `paid_on` (the threshold in force that day)."""
    return rules.interest_due(grant_return.amount, grant_return.interest_from, paid_on, rates(),
                              rules.threshold_on(paid_on, thresholds()))


def interest_to_date(grant_return: GrantReturn, today: date | None = None) -> rules.Interest | None:
    """The interest as paid, or as it would be if paid today (None: the table does not cover it)."""
    day = grant_return.paid_on or today or timezone.localdate()
    try:
        return interest_of(grant_return, day)
    except ValueError:
        return None


def first_transfer(contract: Contract) -> date | None:
    payments = contract_selectors.payments_of(contract)
    return min((p.due for p in payments), default=None)


def returns_total(contract: Contract) -> Decimal:
    return contract.grant_returns.aggregate(s=Sum("amount"))["s"] or ZERO


def control_get(contract: Contract, number: int) -> Control:
    try:
        return contract.controls.get(number=number)
    except Control.DoesNotExist:
        raise Http404 from None


def return_get(contract: Contract, number: int) -> GrantReturn:
    try:
        return contract.grant_returns.select_related("control").get(number=number)
    except GrantReturn.DoesNotExist:
        raise Http404 from None


def reported_spent(contract: Contract) -> Decimal | None:
    """The grant spent as the accepted final report shows it (None: no accepted report yet)."""
    report = report_selectors.report_of(contract)
    if report is None or report.state != report.State.ACCEPTED:
        return None
    _results, costs = report_selectors.report_rows(report)
    return report_selectors.report_settlement(report, costs).used


def settlement(contract: Contract, today: date | None = None) -> rules.Settlement:
    """Grant transferred (the tranches due by today) − returned − spent and accepted."""
    today = today or timezone.localdate()
    transferred = sum((p.amount for p in contract_selectors.payments_of(contract) if p.due <= today), ZERO)
    returns = list(contract.grant_returns.all())
    paid = [r for r in returns if r.paid_on is not None]
    return rules.Settlement(
        transferred=transferred, reported_spent=reported_spent(contract),
        not_accepted=sum((r.amount for r in returns if r.kind in NOT_ACCEPTED), ZERO),
        returned=sum((r.amount for r in paid), ZERO), interest_paid=sum((r.interest or ZERO for r in paid), ZERO),
        outstanding=sum((r.amount for r in returns if r.paid_on is None), ZERO))


def return_rows(contract: Contract, today: date | None = None) -> list[tuple[GrantReturn, rules.Interest | None]]:
    return [(r, interest_to_date(r, today)) for r in contract.grant_returns.select_related("control")]


def call_controls(call) -> list[Contract]:
    """The call's contracts with their controls and returns, for the office's list."""
    return list(
        Contract.objects.filter(call=call).select_related("offer__organisation")
        .prefetch_related(Prefetch("controls", queryset=Control.objects.order_by("number")))
        .annotate(returns_open=Count("grant_returns", filter=Q(grant_returns__paid_on__isnull=True)),
                  returns_amount=Sum("grant_returns__amount"))
        .order_by("offer__number"))


def authority_of(contract: Contract):
    return contract.call.authority


def protocol_document(control: Control) -> dict:
    contract = control.contract
    return {"control": control, "contract": contract, "call": contract.call, "authority": authority_of(contract),
            "offerors": contract_selectors.offerors_of(contract), "controllers": control.controllers.splitlines(),
            "returns": list(control.returns.all()), "as_of": control.answered_at or control.created_at}


def demand_document(grant_return: GrantReturn, today: date | None = None) -> dict:
    contract = grant_return.contract
    return {"grant_return": grant_return, "contract": contract, "call": contract.call,
            "authority": authority_of(contract), "offerors": contract_selectors.offerors_of(contract),
            "interest": interest_to_date(grant_return, today), "today": today or timezone.localdate(),
            "as_of": grant_return.demanded_at}
