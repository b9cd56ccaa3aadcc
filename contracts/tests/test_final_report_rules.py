"""The final report's rules: deviation of results, lateness, and the grant to return, at and
around each boundary."""
from datetime import date
from decimal import Decimal as D

import pytest

from contracts.final_report import rules


@pytest.mark.parametrize("declared, achieved, flagged", [
    (D("100"), D("90"), False),     # 10% short: no justification needed
    (D("100"), D("89.99"), True),   # just over 10% short
    (D("100"), D("85"), True),      # 15% short
    (D("100"), D("110"), False),
    (D("100"), D("110.01"), True),  # over-achieved by more than 10% is a deviation too
    (D("0"), D("5"), False),        # nothing declared: no share to compare with
])
def test_deviation_flag(declared, achieved, flagged):
    assert rules.deviation_flagged(declared, achieved, D("0.10")) is flagged


def test_a_flagged_result_needs_a_justification():
    assert rules.result_problem("uczestnicy", D("100"), D("85"), "", D("0.10"))
    assert rules.result_problem("uczestnicy", D("100"), D("85"), "Grypa w grudniu.", D("0.10")) is None
    assert rules.result_problem("uczestnicy", D("100"), D("90"), "", D("0.10")) is None
    assert rules.result_problem("uczestnicy", D("100"), None, "", D("0.10"))


def cost(planned_total, planned_grant, actual_total, actual_grant):
    return rules.CostActual("x", D(planned_total), D(planned_grant), D(actual_total), D(actual_grant))


def settle(received, *lines):
    return rules.settlement(D(received), list(lines), max_share=D("0.90"), tolerance=D("0.20"))


def test_nothing_to_return_when_spent_as_planned():
    s = settle("9000.00", cost("10000.00", "9000.00", "10000.00", "9000.00"))
    assert s.to_return == D("0.00") and s.share == D("0.9")


def test_unused_grant_is_returned():
    s = settle("9000.00", cost("10000.00", "9000.00", "10000.00", "8500.00"))
    assert (s.unused, s.over_share, s.to_return) == (D("500.00"), D("0.00"), D("500.00"))


def test_grant_share_at_exactly_90_percent_returns_nothing():
    s = settle("900.00", cost("1000.00", "900.00", "1000.00", "900.00"))
    assert s.to_return == D("0.00")


def test_costs_cheaper_than_planned_push_the_share_above_90_percent():
    # the task cost 9 900,00 instead of 10 000,00 but the whole grant was spent: 90,91%
    s = settle("9000.00", cost("10000.00", "9000.00", "9900.00", "9000.00"))
    assert s.allowed_by_share == D("8910.00")
    assert s.over_share == D("90.00") and s.to_return == D("90.00")


def test_one_grosz_over_the_share_is_returned():
    s = settle("900.00", cost("1000.00", "900.00", "999.99", "900.00"))
    assert s.allowed_by_share == D("899.99")  # rounded down
    assert s.to_return == D("0.01")


def test_an_item_overrun_beyond_20_percent_is_returned_and_not_counted_twice():
    # item 1 planned grant 1 000,00, spent 1 250,00: 50,00 above the 20% tolerance;
    # item 2 planned 1 000,00, spent 750,00; the own contribution covers the share
    s = settle("2000.00", cost("1200.00", "1000.00", "1500.00", "1250.00"), cost("1200.00", "1000.00", "900.00", "750.00"))
    assert s.overrun == D("50.00")
    assert s.unused == D("0.00")
    assert s.allowed_by_share == D("2160.00") and s.over_share == D("0.00")
    assert s.to_return == D("50.00")


def test_an_item_overrun_of_exactly_20_percent_is_compliant():
    s = settle("2000.00", cost("1200.00", "1000.00", "1400.00", "1200.00"), cost("1200.00", "1000.00", "1000.00", "800.00"))
    assert s.overrun == D("0.00") and s.to_return == D("0.00")


def test_spending_more_than_received_is_a_problem():
    s = settle("100.00", cost("200.00", "100.00", "200.00", "100.01"))
    assert rules.settlement_problem(s)


@pytest.mark.parametrize("submitted, late", [(date(2020, 1, 30), False), (date(2020, 1, 31), True)])
def test_late_is_after_the_due_day(submitted, late):
    assert rules.is_late(date(2020, 1, 30), submitted) is late


def test_a_shortfall_just_over_the_limit_is_shown_with_enough_digits_to_differ_from_it():
    message = rules.result_problem("uczestnicy", D("1000000"), D("899999.99"), "", D("0.10"))
    assert "89,999999%" in message and "90,00%" not in message
