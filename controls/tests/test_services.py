"""Control and returns through the services: every step recorded and notified, the interest of a
paid return computed from the rate table, the settlement back to zero."""
from datetime import date, timedelta
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from controls import rules, selectors, services
from controls.models import Control, ControlEvent, GrantReturn, InterestRate, InterestThreshold
from notifications.models import Message
from tests_support.controls import report_accepted

pytestmark = pytest.mark.django_db


def plan(world, clerk, **kwargs):
    today = timezone.localdate()
    values = {"scope": ["progress", "use"], "starts_on": today, "ends_on": today, "place": "Siedziba oferenta",
              "controllers": "Jan Kowalski, inspektor\nAnna Nowak, podinspektor", **kwargs}
    return services.control_plan(contract=world.contract, by=clerk, **values)


def test_the_rate_table_is_loaded_with_a_source_for_every_rate():
    rates = list(InterestRate.objects.all())
    assert rates[0].valid_from == date(2016, 1, 1) and rates[0].rate == D("8.00")
    assert {r.valid_from: r.rate for r in rates}[date(2022, 9, 8)] == D("16.50")
    assert all("art. 56" in r.source for r in rates)
    assert InterestThreshold.objects.get().amount == D("8.70")


def test_a_planned_control_is_numbered_recorded_and_notified(world, clerk):
    control = plan(world, clerk)
    assert control.number == 1 and control.state == Control.State.PLANNED
    assert control.scope == ["progress", "use"]
    assert ControlEvent.objects.filter(control=control, kind="planned", by=clerk).exists()
    message = Message.objects.get(kind="control", user=world.grantee)
    assert world.contract.number in message.subject
    assert plan(world, clerk).number == 2


def test_a_plan_breaking_the_rules_is_refused_with_each_rule_named(world, clerk):
    with pytest.raises(ValidationError) as exc:
        plan(world, clerk, scope=[], controllers="", place=" ",
             starts_on=world.contract.signed_on - timedelta(days=1))
    assert set(exc.value.message_dict) == {"scope", "controllers", "place", "starts_on"}
    assert not Control.objects.exists()


def test_findings_with_recommendations_await_the_answer_then_close(world, clerk):
    control = plan(world, clerk)
    today = timezone.localdate()
    control = services.control_record(control=control, by=clerk, carried_out_on=today,
                                      findings="Faktura nr 12 opłacona z dotacji na cel spoza umowy.",
                                      recommendations="Zwrócić 1 000,00 zł.", answer_due=today + timedelta(days=14))
    assert control.state == Control.State.AWAITING_ANSWER
    with pytest.raises(ValidationError):
        services.control_record(control=control, by=clerk, carried_out_on=today, findings="x", recommendations="",
                                answer_due=None)
    with pytest.raises(ValidationError):
        services.control_answer(control=control, by=world.grantee, answer="  ")
    control = services.control_answer(control=control, by=world.grantee, answer="Zwrot zlecony.")
    assert control.state == Control.State.ANSWERED and control.answered_by == world.grantee
    control = services.control_close(control=control, by=clerk)
    assert control.state == Control.State.CLOSED
    kinds = list(control.events.values_list("kind", flat=True))
    assert kinds == ["planned", "carried_out", "answered", "closed"]


def test_findings_without_recommendations_close_the_control(world, clerk):
    control = services.control_record(control=plan(world, clerk), by=clerk, carried_out_on=timezone.localdate(),
                                      findings="Brak uchybień.", recommendations="", answer_due=None)
    assert control.state == Control.State.CLOSED and control.answer_due is None


def test_misused_money_bears_interest_from_the_transfer_and_the_settlement_returns_to_zero(world, clerk):
    contract = world.contract
    transfer = selectors.first_transfer(contract)
    found = timezone.localdate()
    grant_return = services.return_demand(contract=contract, by=clerk, kind="misused", amount=D("1000.00"),
                                          reason="Zakup sprzętu spoza kosztorysu.", found_on=found)
    assert grant_return.due_on == found + timedelta(days=15)
    assert grant_return.interest_from == transfer == found - timedelta(days=80)
    assert Message.objects.filter(kind="control", object_key=f"control:return:{grant_return.pk}").exists()
    paid_on = found
    grant_return = services.return_paid(grant_return=grant_return, by=clerk, paid_on=paid_on)
    expected = rules.interest_due(D("1000.00"), transfer, paid_on, selectors.rates(),
                                  rules.threshold_on(paid_on, selectors.thresholds())).charged
    assert grant_return.interest == expected
    # 81 days (the transfer to today, both counted) at the rates in force: well above zero
    assert expected >= D("1000.00") * 81 * D("0.08") / 365 - 1
    with pytest.raises(ValidationError):
        services.return_paid(grant_return=grant_return, by=clerk, paid_on=paid_on)
    assert list(contract.control_events.values_list("kind", flat=True)) == ["return_demanded", "return_paid"]


def test_settlement_with_an_accepted_report(world, clerk):
    contract = world.contract
    report_accepted(contract, world.grantee, clerk)
    today = timezone.localdate()
    settlement = selectors.settlement(contract, today)
    assert settlement.transferred == contract.grant_total and settlement.balance == D("0.00") and settlement.settled
    grant_return = services.return_demand(contract=contract, by=clerk, kind="misused", amount=D("500.00"),
                                          reason="Wydatek niezgodny z umową.", found_on=today)
    settlement = selectors.settlement(contract, today)
    assert settlement.balance == D("500.00") and not settlement.settled
    services.return_paid(grant_return=grant_return, by=clerk, paid_on=today)
    settlement = selectors.settlement(contract, today)
    assert settlement.returned == D("500.00") and settlement.balance == D("0.00") and settlement.settled


def test_a_return_above_the_grant_or_without_a_reason_is_refused(world, clerk):
    with pytest.raises(ValidationError) as exc:
        services.return_demand(contract=world.contract, by=clerk, kind="excess",
                               amount=world.contract.grant_total + D("0.01"), reason="", found_on=timezone.localdate())
    assert set(exc.value.message_dict) == {"amount", "reason"}
    assert not GrantReturn.objects.exists()


def test_reminders_three_days_before_the_answer_is_due_and_only_while_awaited(world, clerk):
    from controls import notices
    from notifications import services as outbox

    today = timezone.localdate()
    control = services.control_record(control=plan(world, clerk), by=clerk, carried_out_on=today,
                                      findings="Uchybienia w dokumentacji.", recommendations="Uzupełnić.",
                                      answer_due=today + timedelta(days=3))
    moment = timezone.make_aware(timezone.datetime.combine(today, timezone.datetime.min.time())) + timedelta(hours=9, minutes=5)
    planned = [p for p in notices.planned(moment) if p.object_key == f"control:{control.pk}"]
    assert len(planned) == 1 and planned[0].kind == "control_3d"
    outbox.plan_reminders(now=moment)
    outbox.plan_reminders(now=moment)  # idempotent
    message = Message.objects.get(kind="control_3d", user=world.grantee)
    assert notices.control_applies(message)
    services.control_answer(control=control, by=world.grantee, answer="Uzupełniono.")
    assert not notices.control_applies(Message.objects.get(pk=message.pk))
