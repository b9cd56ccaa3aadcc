"""The interest on a returned grant, computed by hand across rate changes; when interest starts;
the checks of a planned control; the settlement."""
from datetime import date
from decimal import Decimal as D

import pytest

from controls import rules
from controls.rules import Rate

RATES = [Rate(date(2016, 1, 1), D("8.00")), Rate(date(2022, 9, 8), D("16.50")), Rate(date(2023, 9, 7), D("15.00")),
         Rate(date(2023, 10, 5), D("14.50")), Rate(date(2025, 5, 8), D("13.50")), Rate(date(2025, 7, 3), D("13.00"))]
THRESHOLDS = [(date(2025, 3, 1), D("8.70"))]


def test_interest_across_two_rate_changes_matches_the_sum_by_hand():
    # 1 000,00 zł from 1.09.2023 to 10.10.2023, both counted:
    #   1.09–6.09:   6 days at 16,5%: 1000 × 6 × 0,165 / 365 =  2,7123
    #   7.09–4.10:  28 days at 15,0%: 1000 × 28 × 0,15 / 365 = 11,5068
    #   5.10–10.10:  6 days at 14,5%: 1000 × 6 × 0,145 / 365 =  2,3836
    #   together 6060 / 365 = 16,6027 → 16,60 → 17 zł (art. 63 § 1: full złoty)
    interest = rules.interest_due(D("1000.00"), date(2023, 9, 1), date(2023, 10, 10), RATES)
    assert [(p.start, p.end, p.days, p.rate) for p in interest.periods] == [
        (date(2023, 9, 1), date(2023, 9, 6), 6, D("16.50")),
        (date(2023, 9, 7), date(2023, 10, 4), 28, D("15.00")),
        (date(2023, 10, 5), date(2023, 10, 10), 6, D("14.50")),
    ]
    assert interest.days == 40
    assert interest.exact == D("16.60")
    assert interest.charged == D("17.00")


def test_unspent_grant_returned_late_after_the_year_end_deadline():
    # 2 500,00 zł unspent by 31.12.2024: due by 31.01.2025 (art. 251), paid on 20.05.2025.
    # 1.02–7.05: 96 days at 14,5%; 8.05–20.05: 13 days at 13,5%:
    # 2500 × (96 × 0,145 + 13 × 0,135) / 365 = 2500 × 15,675 / 365 = 107,363 → 107 zł
    due = rules.return_due_on(rules.UNSPENT, found_on=date(2025, 2, 10), spending_until=date(2024, 12, 31))
    assert due == date(2025, 1, 31)
    start = rules.interest_start(rules.UNSPENT, due_on=due, transferred_on=date(2024, 7, 1))
    assert start == date(2025, 2, 1)
    interest = rules.interest_due(D("2500.00"), start, date(2025, 5, 20), RATES,
                                  rules.threshold_on(date(2025, 5, 20), THRESHOLDS))
    assert [p.days for p in interest.periods] == [96, 13]
    assert interest.exact == D("107.36")
    assert interest.charged == D("107.00")


def test_money_returned_by_the_deadline_bears_no_interest():
    interest = rules.interest_due(D("500.00"), date(2025, 2, 1), date(2025, 1, 30), RATES)
    assert interest.periods == () and interest.charged == D("0.00")


def test_interest_not_above_the_threshold_is_not_charged():
    # 100 zł for 10 days at 14,5% = 0,40 zł: not above 8,70 zł (art. 54 § 1 pkt 5)
    interest = rules.interest_due(D("100.00"), date(2025, 3, 1), date(2025, 3, 10), RATES, D("8.70"))
    assert interest.exact == D("0.40") and interest.charged == D("0.00") and interest.waived


def test_interest_just_above_the_threshold_is_charged_in_full_zloty():
    # 2 190 zł × 10 days × 14,5% / 365 = 8,70 → not charged; 2 200 zł → 8,74 → 9 zł
    assert rules.interest_due(D("2190.00"), date(2025, 3, 1), date(2025, 3, 10), RATES, D("8.70")).charged == D("0")
    assert rules.interest_due(D("2200.00"), date(2025, 3, 1), date(2025, 3, 10), RATES, D("8.70")).charged == D("9.00")


@pytest.mark.parametrize("value, rounded", [("16.49", "16.00"), ("16.50", "17.00"), ("0.49", "0.00"), ("0.50", "1.00")])
def test_interest_is_rounded_to_full_zloty_half_up(value, rounded):
    assert rules.round_interest(D(value)) == D(rounded)


def test_a_day_before_the_rate_table_is_an_error():
    with pytest.raises(ValueError, match="01.01.2015"):
        rules.interest_periods(D("100.00"), date(2015, 1, 1), date(2016, 2, 1), RATES)


@pytest.mark.parametrize("kind, found, spending_until, due, start", [
    (rules.UNSPENT, date(2025, 8, 1), date(2025, 6, 30), date(2025, 7, 15), date(2025, 7, 16)),
    (rules.UNSPENT, date(2026, 2, 3), date(2025, 12, 31), date(2026, 1, 31), date(2026, 2, 1)),
    (rules.MISUSED, date(2025, 9, 10), date(2025, 12, 31), date(2025, 9, 25), date(2025, 3, 1)),
    (rules.EXCESS, date(2025, 9, 10), date(2025, 12, 31), date(2025, 9, 25), date(2025, 9, 26)),
])
def test_deadline_and_first_day_of_interest_follow_the_kind(kind, found, spending_until, due, start):
    assert rules.return_due_on(kind, found_on=found, spending_until=spending_until) == due
    assert rules.interest_start(kind, due_on=due, transferred_on=date(2025, 3, 1)) == start


def test_a_plan_without_scope_controllers_or_with_dates_reversed_names_each_rule():
    problems = rules.plan_problems(scope=[], starts_on=date(2025, 5, 10), ends_on=date(2025, 5, 9),
                                   controllers=" \n ", signed_on=date(2025, 6, 1))
    assert set(problems) == {"scope", "ends_on", "starts_on", "controllers"}
    assert "art. 17" in problems["scope"]


def test_recommendations_need_a_deadline_after_today():
    problems = rules.findings_problems(findings="", carried_out_on=date(2025, 5, 1), starts_on=date(2025, 5, 2),
                                       answer_due=None, recommendations="Uzupełnić listy obecności.",
                                       today=date(2025, 5, 3))
    assert set(problems) == {"findings", "carried_out_on", "answer_due"}
    problems = rules.findings_problems(findings="Brak uchybień.", carried_out_on=date(2025, 5, 2),
                                       starts_on=date(2025, 5, 2), answer_due=date(2025, 5, 3),
                                       recommendations="x", today=date(2025, 5, 3))
    assert set(problems) == {"answer_due"}


def test_returns_cannot_add_up_to_more_than_the_grant():
    problems = rules.return_problems(amount=D("600.00"), grant=D("1000.00"), outstanding=D("500.00"),
                                     found_on=date(2025, 5, 1), today=date(2025, 5, 1),
                                     interest_from=date(2025, 2, 1), first_transfer=date(2025, 3, 1))
    assert set(problems) == {"amount", "interest_from"}


def test_the_settlement_is_zero_once_the_misused_money_is_returned():
    before = rules.Settlement(transferred=D("8100.00"), reported_spent=D("8100.00"), not_accepted=D("1000.00"),
                              returned=D("0.00"), interest_paid=D("0.00"), outstanding=D("1000.00"))
    assert before.accepted_spent == D("7100.00") and before.balance == D("1000.00") and not before.settled
    after = rules.Settlement(transferred=D("8100.00"), reported_spent=D("8100.00"), not_accepted=D("1000.00"),
                             returned=D("1000.00"), interest_paid=D("57.00"), outstanding=D("0.00"))
    assert after.balance == D("0.00") and after.settled


def test_without_an_accepted_report_the_balance_is_not_known():
    settlement = rules.Settlement(transferred=D("100.00"), reported_spent=None, not_accepted=D("0"),
                                  returned=D("0"), interest_paid=D("0"), outstanding=D("0"))
    assert settlement.balance is None and not settlement.settled
