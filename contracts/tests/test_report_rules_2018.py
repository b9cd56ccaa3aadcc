"""The pure rules of the reports after the 2018 model: the periods reported on, the sources with
their shares, the cost groups, the checks against the contract."""
from datetime import date
from decimal import Decimal as D

import pytest

from contracts.final_report import rules


@pytest.mark.parametrize("start, end, partial_days, expected", [
    (date(2025, 3, 1), date(2025, 11, 30), 31, [("final", date(2025, 3, 1), date(2025, 11, 30), date(2025, 12, 30))]),
    (date(2025, 3, 1), date(2026, 6, 30), 31, [("partial", date(2025, 3, 1), date(2025, 12, 31), date(2026, 1, 31)),
                                               ("final", date(2026, 1, 1), date(2026, 6, 30), date(2026, 7, 30))]),
    (date(2025, 9, 1), date(2027, 2, 28), 15, [("partial", date(2025, 9, 1), date(2025, 12, 31), date(2026, 1, 15)),
                                               ("partial", date(2026, 1, 1), date(2026, 12, 31), date(2027, 1, 15)),
                                               ("final", date(2027, 1, 1), date(2027, 2, 28), date(2027, 3, 30))]),
])
def test_a_partial_report_for_each_budget_year_but_the_last(start, end, partial_days, expected):
    from datetime import timedelta
    periods = rules.report_periods(start, end, final_due=end + timedelta(days=30), partial_days=partial_days)
    assert [(p.kind, p.start, p.end, p.due) for p in periods] == expected


def test_the_tranches_of_a_period():
    payments = [{"due": "2025-03-01", "amount": "1000.00"}, {"due": "2026-01-15", "amount": "500.00"}]
    assert rules.received_in(payments, date(2025, 3, 5), date(2025, 12, 31), first=True) == D("1000.00")
    assert rules.received_in(payments, date(2026, 1, 1), date(2026, 6, 30), first=False) == D("500.00")


def test_the_sources_with_their_shares():
    planned = rules.planned_sources(total=D("10000.00"), grant=D("9000.00"), personal=D("400.00"), in_kind=D("100.00"),
                                    recipient_fees=D("0.00"))
    assert planned.own_financial == D("500.00") and planned.own == D("1000.00")
    actual = rules.Sources(D("8000.00"), D("1500.00"), D("400.00"), D("100.00"), D("0.00"))
    rows = {r["number"]: r for r in rules.source_rows(planned, actual)}
    assert rows["1"]["planned_share"] == 1 and rows["2"]["planned_share"] == D("0.9")
    assert rows["2"]["actual_share"] == D("0.8") and rows["3"]["actual"] == D("2000.00")
    assert rows["3.1"]["actual_share"] == D("0.15")


def test_sources_must_make_the_costs_incurred():
    actual = rules.Sources(D("800.00"), D("100.00"))
    assert rules.sources_problem(actual, D("900.00")) is None
    assert rules.sources_problem(actual, D("901.00")) is not None
    assert rules.sources_problem(rules.Sources(D("-1.00")), D("-1.00")) is not None


def test_action_and_administrative_costs_are_grouped():
    rows = [{"action": "A", "name": "Warsztaty", "kind": "substantive", "planned": D("100"), "actual": D("90")},
            {"action": "A", "name": "Koordynacja", "kind": "administrative", "planned": D("10"), "actual": D("10")},
            {"action": "D", "name": "Materiały", "kind": "substantive", "planned": D("50"), "actual": None}]
    actions, admin = rules.cost_groups(rows)
    assert [g["label"] for g in actions["groups"]] == ["A", "D"]
    assert (actions["planned"], actions["actual"]) == (D("150"), D("90"))
    assert (admin["planned"], admin["actual"]) == (D("10"), D("10"))


def test_the_checks_against_the_contract():
    line = rules.CostActual("Warsztaty", D("1000.00"), D("900.00"), D("1200.00"), D("1100.00"))
    assert len(rules.overrun_findings([line], D("0.20"))) == 1  # 1100 > 900 × 1.2 = 1080
    assert rules.overrun_findings([line], D("0.25")) == []
    planned = rules.Sources(D("900.00"), D("100.00"))
    found = rules.share_findings(planned, rules.Sources(D("950.00"), D("50.00")), max_share=D("0.90"))
    assert len(found) == 2  # the grant 95% of the costs, the own contribution 5% against 10%
    assert rules.result_findings([("Uczestnicy", D("100"), D("85"))], D("0.10"))
    assert rules.result_findings([("Uczestnicy", D("100"), D("95"))], D("0.10")) == []
    assert rules.result_findings([("Uczestnicy", D("100"), D("130"))], D("0.10")) == []  # more is no shortfall
