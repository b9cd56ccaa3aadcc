"""Writes after the award. Each function is one atomic, recorded change (a `ContractEvent`, and
the history tables).

Flow: the authority's decision is locked and the offer funded (admitted, a grant above zero) → a
clerk records the contract (`contract_create`: number, date, place, payment schedule; the budget
and results are copied from the offer's last submitted version) → during the task the grantee
asks for changes (`change_request`): changes within the call's limits are recorded and applied
at once, larger ones wait for the authority's consent (`change_decide`, recorded by a clerk or the
Mayor, with an annex), changes that break a rule are refused with the rule named.
"""
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from awards.models import Decision, Grant
from competition.models import Action
from contracts import rules, selectors
from contracts.models import ChangeRequest, Contract, ContractCost, ContractEvent, ContractResult
from contracts.termination.models import Termination
from core.money import format_money, to_money
from notifications import services as outbox
from notifications.models import Message
from offers.models import Offer

ZERO = Decimal("0.00")


def _now() -> datetime:
    return timezone.now()


def _event(contract: Contract, kind: str, by, now: datetime, **details) -> ContractEvent:
    return ContractEvent.objects.create(contract=contract, kind=kind, by=by, at=now, details=details)


def number_from_text(text: str) -> Decimal | None:
    """A declared value typed as text ("120", "12,5"): the number, or None when it is not one."""
    try:
        return to_money(text.strip()) if text and text.strip() else None
    except ValueError:
        return None


def funding_error(offer: Offer) -> str | None:
    """Why no contract can be made for this offer yet (None: it can)."""
    decision = Decision.objects.filter(call_id=offer.call_id).first()
    awarded = sum(Grant.objects.filter(offer=offer).values_list("awarded", flat=True), ZERO)
    return rules.funding_problem(decided=decision is not None and decision.is_locked, state=offer.state,
                                 state_label=offer.get_state_display(), awarded=awarded)


@transaction.atomic
def contract_create(*, offer: Offer, by, number: str, signed_on: date, place: str, tranches: list[rules.Tranche],
                    spending_from: date | None = None, spending_until: date | None = None, office_contact: str = "",
                    grantee_contact: str = "", now: datetime | None = None) -> Contract:
    """Record the contract of a funded offer. Its budget and results are the offer's last
    submitted version (after a negotiation, the updated offer), checked against the decision."""
    now = now or _now()
    offer = Offer.objects.select_for_update().select_related("call", "organisation").get(pk=offer.pk)
    error = funding_error(offer)
    if error:
        raise ValidationError(error)
    if Contract.objects.filter(offer=offer).exists():
        raise ValidationError(_("This offer already has a contract."))
    number = number.strip()
    problems = _signing_problems(number, place)
    version = offer.versions.filter(withdrawn_at__isnull=True).order_by("-number").first()
    grants = {g.action.code: g for g in Grant.objects.filter(offer=offer).select_related("action")}
    awarded = sum((g.awarded for g in grants.values()), ZERO)
    data = version.data
    problems += _grant_problems(data, grants)
    start, end = date.fromisoformat(data["start_date"]), date.fromisoformat(data["end_date"])
    if signed_on > end:
        problems.append(_("The contract must be signed before the end of the task (%(end)s).")
                        % {"end": end.strftime("%d.%m.%Y")})
    problems += rules.payment_problems(tranches, grant=awarded, signed_on=signed_on, task_end=end)
    spending_from = spending_from or rules.grant_spending_start(signed_on=signed_on, task_start=start)
    spending = rules.spending_start_problem(spending_from, signed_on=signed_on, task_start=start, task_end=end)
    if spending:
        problems.append(spending)
    spending_until = spending_until or end
    until = None if spending else rules.spending_end_problem(spending_until, spending_from=spending_from, task_end=end)
    if until:
        problems.append(until)
    if not offer.organisation.bank_account:
        problems.append(_("The lead offeror has no bank account in its organisation's data; ask them to add it."))
    if problems:
        raise ValidationError(problems)
    contract = Contract.objects.create(
        offer=offer, call=offer.call, version=version, number=number, signed_on=signed_on, place=place.strip(),
        start_date=start, end_date=end, spending_from=spending_from, spending_until=spending_until,
        office_contact=office_contact.strip(), grantee_contact=grantee_contact.strip(), report_due=end + timedelta(days=offer.call.report_days),
        grant_total=awarded, bank_account=offer.organisation.bank_account,
        payments=[{"due": t.due.isoformat(), "amount": str(t.amount)} for t in tranches],
        created_by=by, created_at=now)
    _write_costs_and_results(contract, data, by=by)
    _event(contract, ContractEvent.Kind.SIGNED, by, now, number=number, signed_on=signed_on.isoformat(),
           spending_from=spending_from.isoformat(), spending_until=spending_until.isoformat(), grant=str(awarded))
    return contract


def _signing_problems(number: str, place: str) -> list[str]:
    problems = []
    if not number:
        problems.append(_("Give the contract's number."))
    elif Contract.objects.filter(number=number).exists():
        problems.append(_("Contract number %(number)s is already used; each contract has its own number.")
                        % {"number": number})
    if not place.strip():
        problems.append(_("Give the place of signing."))
    return problems


def _grant_problems(data: dict, grants: dict) -> list[str]:
    """Each action whose grant in the offer differs from the decision's."""
    problems = []
    planned = {a["code"]: to_money(a["totals"]["grant"]) for a in data["actions"]}
    for code, grant in sorted(grants.items()):
        if grant.awarded > 0 and planned.get(code, ZERO) != grant.awarded:
            problems.append(_("Action %(code)s: the offer asks for %(asked)s, the decision awards %(awarded)s; the "
                              "contract needs an offer whose grant matches the decision.")
                            % {"code": code, "asked": format_money(planned.get(code, ZERO)),
                               "awarded": format_money(grant.awarded)})
    return problems


def _write_costs_and_results(contract: Contract, data: dict, *, by) -> None:
    """The contract's cost items and results, copied from the offer's version."""
    actions = {a.code: a for a in Action.objects.filter(call=contract.call)}
    costs, results = [], []
    for section in data["actions"]:
        action = actions[section["code"]]
        costs += _cost_rows(contract, action, section)
        results += _result_rows(contract, action, section)
    bulk_create_with_history(costs, ContractCost, default_user=by)
    bulk_create_with_history(results, ContractResult, default_user=by)


def _cost_rows(contract: Contract, action: Action, section: dict) -> list[ContractCost]:
    return [ContractCost(contract=contract, action=action, position=position, name=item["name"], kind=item["kind"],
                         total=to_money(item["total"]), grant=to_money(item["grant"]))
            for position, item in enumerate(section["costs"])]


def _result_rows(contract: Contract, action: Action, section: dict) -> list[ContractResult]:
    """The declared indicators with a value, then the offeror's own results with a number."""
    results = []
    for indicator in section["indicators"]:
        if indicator["value"] is not None:
            results.append(ContractResult(contract=contract, action=action, position=len(results),
                                          name=indicator["name"], unit=indicator.get("unit", ""),
                                          value=to_money(indicator["value"])))
    for own in section["own_results"]:
        value = number_from_text(own["planned_value"])
        if value is not None:
            results.append(ContractResult(contract=contract, action=action, position=len(results), name=own["name"],
                                          value=value))
    return results


# --- changes during the task ---------------------------------------------------------------------


def _assess(contract: Contract, proposal: dict) -> rules.ChangeAssessment:
    call = contract.call
    before = selectors.budget_lines(contract)
    proposed_keys = {str(row.get("key") or "") for row in proposal["costs"]}
    after = [line for line in before if line.key not in proposed_keys] + [rules.BudgetLine(key=str(row.get("key") or ""), action_code=row["action"], name=row["name"],
                              kind=row["kind"], total=to_money(row["total"]), grant=to_money(row["grant"]))
             for row in proposal["costs"]]
    budget = rules.budget_assessment(before, after, cost_limit=call.cost_shift_limit,
                                     max_grant_share=call.max_grant_share, max_admin_share=call.max_admin_share,
                                     admin_cost_base=call.admin_cost_base)
    results = rules.result_assessment(selectors.result_lines(contract),
                                      {k: to_money(v) for k, v in proposal["results"].items()},
                                      limit=call.result_change_limit)
    return rules.combine(budget, results)


def change_error(contract: Contract, today: date) -> str | None:
    if Termination.objects.filter(contract=contract).exists():
        return _("The contract ended early; no change can be asked for.")
    if today > contract.end_date:
        return _("The task ended on %(end)s; changes are asked for during the task. Explain any difference in the "
                 "final report.") % {"end": contract.end_date.strftime("%d.%m.%Y")}
    if contract.changes.filter(state=ChangeRequest.State.PENDING).exists():
        return _("A change already awaits the authority's consent; wait for the answer before asking for another.")
    return None


def assess(contract: Contract, proposal: dict) -> rules.ChangeAssessment:
    """What a proposed change would need, without recording anything (for the preview)."""
    return _assess(contract, proposal)


@transaction.atomic
def change_request(*, contract: Contract, by, proposal: dict, justification: str, revision: int,
                   now: datetime | None = None) -> ChangeRequest:
    """Record a change the grantee asks for: applied at once when no item needs consent, waiting
    for the authority otherwise; refused (nothing recorded) when it breaks a rule."""
    now = now or _now()
    contract = Contract.objects.select_for_update().select_related("call").get(pk=contract.pk)
    error = change_error(contract, timezone.localtime(now).date())
    if error:
        raise ValidationError(error)
    if revision != contract.revision:
        raise ValidationError(_("The contract's budget changed while you were editing; open the form again."))
    if not justification.strip():
        raise ValidationError(_("Explain why the change is needed."))
    assessment = _assess(contract, proposal)
    if assessment.refusals:
        raise ValidationError(assessment.refusals)
    if not assessment.changes_anything:
        raise ValidationError(_("The proposal changes nothing."))
    proposal = _with_before(contract, proposal)
    change = ChangeRequest.objects.create(
        contract=contract, number=contract.changes.count() + 1,
        state=ChangeRequest.State.PENDING if assessment.needs_consent else ChangeRequest.State.RECORDED,
        justification=justification.strip(), proposal=proposal, base_revision=contract.revision,
        findings=[{"message": f.message, "needs_consent": f.needs_consent} for f in assessment.findings],
        requested_by=by, requested_at=now)
    if change.state == ChangeRequest.State.RECORDED:
        _apply(contract, change, by)
        _event(contract, ContractEvent.Kind.CHANGE_RECORDED, by, now, change=change.number)
    else:
        _event(contract, ContractEvent.Kind.CHANGE_REQUESTED, by, now, change=change.number)
    return change


def _with_before(contract: Contract, proposal: dict) -> dict:
    """The proposal with the values it changes, as they were: the request reads the same later."""
    costs = {str(c.pk): c for c in contract.costs.all()}
    rows = []
    for row in proposal["costs"]:
        item = costs.get(str(row.get("key") or ""))
        rows.append({**row, "before_total": str(item.total) if item else None,
                     "before_grant": str(item.grant) if item else None})
    before = {str(r.pk): str(r.value) for r in contract.results.all() if str(r.pk) in proposal["results"]}
    return {**proposal, "costs": rows, "results_before": before}


def _apply(contract: Contract, change: ChangeRequest, by) -> None:
    costs = {str(c.pk): c for c in contract.costs.all()}
    actions = {a.code: a for a in Action.objects.filter(call_id=contract.call_id)}
    new_position = max((c.position for c in costs.values()), default=0) + 1
    for row in change.proposal["costs"]:
        total, grant = to_money(row["total"]), to_money(row["grant"])
        item = costs.get(str(row.get("key") or ""))
        if item is None:
            item = ContractCost(contract=contract, action=actions[row["action"]], position=new_position,
                                name=row["name"], kind=row["kind"], total=total, grant=grant, added_by_change=change)
            new_position += 1
            item._history_user = by
            item.save()
        elif (item.total, item.grant) != (total, grant):
            item.total, item.grant = total, grant
            item._history_user = by
            item.save()
    for result in contract.results.all():
        value = change.proposal["results"].get(str(result.pk))
        if value is not None and to_money(value) != result.value:
            result.value = to_money(value)
            result._history_user = by
            result.save()
    contract.revision += 1
    contract._history_user = by
    contract.save()


@transaction.atomic
def change_decide(*, change: ChangeRequest, by, approve: bool, note: str = "", now: datetime | None = None
                  ) -> ChangeRequest:
    """The authority's consent (an annex) or refusal, recorded by a clerk or the authority."""
    now = now or _now()
    change = ChangeRequest.objects.select_for_update().get(pk=change.pk)
    contract = Contract.objects.select_for_update().select_related("call", "offer").get(pk=change.contract_id)
    if change.state != ChangeRequest.State.PENDING:
        raise ValidationError(_("This change was already decided (%(state)s).") % {"state": change.get_state_display()})
    if not approve and not note.strip():
        raise ValidationError(_("Give the reason for refusing; the grantee reads it."))
    if approve:
        if change.base_revision != contract.revision:
            raise ValidationError(_("The contract changed since this request was made; it cannot be applied as "
                                    "it stands. Refuse it and ask the grantee to file it again."))
        assessment = _assess(contract, change.proposal)
        if assessment.refusals:
            raise ValidationError(assessment.refusals)
        sequence = contract.changes.filter(annex_sequence__isnull=False).count() + 1
        change.annex_sequence = sequence
        change.annex_number = rules.annex_number(contract.number, sequence)
        _apply(contract, change, by)
    change.state = ChangeRequest.State.APPROVED if approve else ChangeRequest.State.REFUSED
    change.decided_by, change.decided_at, change.decision_note = by, now, note.strip()
    change._history_user = by
    change.save()
    _event(contract, ContractEvent.Kind.CHANGE_APPROVED if approve else ContractEvent.Kind.CHANGE_REFUSED, by, now,
           change=change.number, annex=change.annex_number, note=change.decision_note)
    if approve:
        title = _("Change no. %(n)s to contract %(number)s: the authority consents (%(annex)s)") % {
            "n": change.number, "number": contract.number, "annex": change.annex_number}
        body = _("The changed budget and results apply from now. The annex is on the contract's page.")
    else:
        title = _("Change no. %(n)s to contract %(number)s: the authority does not consent") % {
            "n": change.number, "number": contract.number}
        body = _("Reason: %(note)s. The contract stays as it was.") % {"note": change.decision_note}
    outbox.notify_offerors(contract.offer, kind=Message.Kind.CONTRACT_CHANGE, object_key=f"change:{change.pk}",
                           title=title, body=body, url=contract.get_absolute_url())
    return change
