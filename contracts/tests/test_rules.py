"""The change rules after the contract, at and around each boundary."""
from datetime import date
from decimal import Decimal as D

import pytest

from contracts import rules

LIMITS = {"cost_limit": D("0.20"), "max_grant_share": D("0.90"), "max_admin_share": D("0.15")}


def line(key, total, grant, *, code="A", name=None, kind="substantive"):
    return rules.BudgetLine(key=key, action_code=code, name=name or f"item {key or 'new'}", kind=kind,
                            total=D(total), grant=D(grant))


# Action A: two items of 1 000,00 with a grant of 800,00 each, own 200,00 each (grant share 80%).
BEFORE = [line("1", "1000.00", "800.00"), line("2", "1000.00", "800.00"), line("3", "500.00", "400.00", code="B")]


def assess(after):
    return rules.budget_assessment(BEFORE, after, **LIMITS)


@pytest.mark.parametrize("before, after, expected", [
    (D("1000.00"), D("1200.00"), False),   # 20,00%: within
    (D("1000.00"), D("1200.10"), True),    # 20,01%: consent
    (D("1000.00"), D("800.00"), False),    # −20,00%
    (D("1000.00"), D("799.90"), True),     # −20,01%
    (D("0.00"), D("0.00"), False),
    (D("0.00"), D("0.01"), True),          # something from nothing: new money, consent
])
def test_exceeds_at_the_boundary(before, after, expected):
    assert rules.exceeds(before, after, D("0.20")) is expected


def test_a_shift_of_exactly_20_percent_is_recorded_without_consent():
    result = assess([line("1", "1200.00", "960.00"), line("2", "800.00", "640.00"), BEFORE[2]])
    assert result.allowed and result.changes_anything and not result.needs_consent
    assert len(result.findings) == 2 and all("20,00%" in f.message for f in result.findings)


def test_a_shift_of_20_01_percent_needs_consent():
    result = assess([line("1", "1200.10", "960.08"), line("2", "799.90", "639.92"), BEFORE[2]])
    assert result.allowed and result.needs_consent
    assert [f.needs_consent for f in result.findings] == [True, True]


def test_a_25_percent_shift_needs_consent_and_names_the_limit():
    result = assess([line("1", "1250.00", "1000.00"), line("2", "750.00", "600.00"), BEFORE[2]])
    assert result.needs_consent
    assert "25,00%" in result.findings[0].message and "20,00%" in result.findings[0].message


def test_a_new_item_needs_consent_even_when_small():
    result = assess([line("1", "990.00", "790.00"), BEFORE[1], BEFORE[2], line("", "10.00", "10.00")])
    assert result.allowed and result.needs_consent
    assert any("Nowa pozycja" in f.message for f in result.findings)


def test_moving_grant_between_actions_is_refused():
    result = assess([line("1", "1000.00", "850.00"), BEFORE[1], line("3", "500.00", "350.00", code="B")])
    assert not result.allowed
    assert len(result.refusals) == 2  # action A up, action B down: both named


def test_the_grant_share_is_checked_again_on_the_changed_budget():
    # the grantee cuts its own contribution: A's costs fall to 1 700,00 with the same 1 600,00 grant
    # and B's to 400,00 with 400,00: grant 2 000,00 of 2 100,00 = 95,24% > 90%
    result = assess([line("1", "850.00", "800.00"), line("2", "850.00", "800.00"), line("3", "400.00", "400.00", code="B")])
    assert not result.allowed
    assert any("90" in r for r in result.refusals)


def test_the_grant_share_at_exactly_90_percent_is_allowed():
    # total 2 222,23 for a grant of 2 000,00 = 89,9999…%; the item changes are within 20%
    after = [line("1", "889.00", "800.00"), line("2", "889.00", "800.00"), line("3", "444.45", "400.00", code="B")]
    result = assess(after)
    assert result.allowed, result.refusals


def test_admin_costs_above_15_percent_of_an_action_are_refused():
    before = [line("1", "900.00", "700.00"), line("2", "100.00", "80.00", kind="administrative")]
    after = [line("1", "880.00", "680.00"), line("2", "120.00", "100.00", kind="administrative")]
    result = rules.budget_assessment(before, after, **LIMITS)
    assert result.allowed and result.needs_consent  # 12% of the action: allowed; the item's grant grew 25%
    after = [line("1", "850.00", "680.00"), line("2", "150.01", "100.00", kind="administrative")]
    result = rules.budget_assessment(before, after, **LIMITS)
    assert any("15" in r for r in result.refusals)  # 150,01 of 1 000,01: just above 15%
    after = [line("1", "850.00", "680.00"), line("2", "150.00", "100.00", kind="administrative")]
    assert not any("15,00%" in r for r in rules.budget_assessment(before, after, **LIMITS).refusals)


def test_a_grant_above_the_items_value_is_refused():
    result = assess([line("1", "700.00", "800.00"), BEFORE[1], BEFORE[2]])
    assert not result.allowed


@pytest.mark.parametrize("before, after, consent", [
    (D("100"), D("110"), False),   # 10%: recorded
    (D("100"), D("90"), False),
    (D("100"), D("110.01"), True),  # above 10%: consent
    (D("100"), D("89.99"), True),
])
def test_result_changes_around_10_percent(before, after, consent):
    result = rules.result_assessment([rules.ResultLine("7", "participants", before)], {"7": after}, limit=D("0.10"))
    assert result.allowed and result.changes_anything
    assert result.needs_consent is consent


def test_an_unchanged_result_is_no_finding():
    result = rules.result_assessment([rules.ResultLine("7", "participants", D("100"))], {"7": D("100")}, limit=D("0.10"))
    assert not result.findings


def test_payments_must_pay_the_grant_exactly_within_the_task():
    signed, end = date(2019, 7, 1), date(2019, 12, 31)
    ok = [rules.Tranche(date(2019, 7, 15), D("6000.00")), rules.Tranche(date(2019, 9, 1), D("4000.00"))]
    assert rules.payment_problems(ok, grant=D("10000.00"), signed_on=signed, task_end=end) == []
    short = [rules.Tranche(date(2019, 7, 15), D("9999.99"))]
    assert len(rules.payment_problems(short, grant=D("10000.00"), signed_on=signed, task_end=end)) == 1
    late = [rules.Tranche(date(2020, 1, 2), D("10000.00"))]
    assert len(rules.payment_problems(late, grant=D("10000.00"), signed_on=signed, task_end=end)) == 1
    assert rules.payment_problems([], grant=D("1.00"), signed_on=signed, task_end=end)


@pytest.mark.parametrize("decided, state, awarded, blocked", [
    (False, "admitted", D("100.00"), True),
    (True, "negotiation", D("100.00"), True),
    (True, "resigned", D("0.00"), True),
    (True, "admitted", D("0.00"), True),
    (True, "admitted", D("0.01"), False),
])
def test_a_contract_needs_a_decision_an_admitted_offer_and_a_grant(decided, state, awarded, blocked):
    problem = rules.funding_problem(decided=decided, state=state, state_label=state, awarded=awarded)
    assert (problem is not None) is blocked


def test_the_call_contract_list_reads_a_constant_number_of_queries(reference_call, clerk, mayor,
                                                                    django_assert_max_num_queries):
    from contracts import selectors
    from tests_support.contracts import decided

    decided(reference_call, clerk, mayor)
    with django_assert_max_num_queries(4):
        rows = selectors.funded_offers(reference_call)
    assert len(rows) == 3 and all(r.error is None for r in rows)


def test_a_change_just_over_the_limit_is_shown_with_enough_digits_to_differ_from_it():
    # 10 000,00 -> 12 000,01 is 20,0001% more: "20,00%" beside "more than 20,00%" would contradict itself
    before = [line("1", "10000.00", "8000.00")]
    after = [line("1", "12000.01", "8000.00")]
    result = rules.budget_assessment(before, after, **{**LIMITS, "max_grant_share": D("1")})
    assert result.needs_consent
    assert "(20,0001%)" in result.findings[0].message


def test_admin_costs_against_the_value_of_the_actions_when_the_call_says_so():
    # 150,00 of a total of 1 000,00 is 15% of the total, but 17,65% of the actions' 850,00
    before = [line("1", "860.00", "680.00"), line("2", "140.00", "100.00", kind="administrative")]
    after = [line("1", "850.00", "680.00"), line("2", "150.00", "100.00", kind="administrative")]
    assert not rules.budget_assessment(before, after, **LIMITS).refusals
    refusals = rules.budget_assessment(before, after, **LIMITS, admin_cost_base="actions").refusals
    assert any("850,00" in r and "17,65%" in r for r in refusals), refusals
    after = [line("1", "870.00", "680.00"), line("2", "130.00", "100.00", kind="administrative")]  # 14,94%
    assert not rules.budget_assessment(before, after, **LIMITS, admin_cost_base="actions").refusals


@pytest.mark.parametrize("spending_from, signed_on, refused", [
    (date(2019, 11, 30), date(2019, 12, 6), True),   # the demo's contract before the fix
    (date(2019, 12, 5), date(2019, 12, 6), True),
    (date(2019, 12, 6), date(2019, 12, 6), False),
    (date(2019, 12, 7), date(2019, 12, 6), False),
    (date(2020, 1, 1), date(2019, 12, 6), True),     # after the task's end
])
def test_grant_spending_never_starts_before_the_contract_is_signed(spending_from, signed_on, refused):
    problem = rules.spending_start_problem(spending_from, signed_on=signed_on, task_start=date(2019, 11, 30),
                                           task_end=date(2019, 12, 31))
    assert (problem is not None) == refused
    if spending_from < signed_on:
        assert "przed dniem podpisania umowy" in problem and "06.12.2019" in problem


def test_grant_spending_starts_by_default_at_the_later_of_signing_and_the_task():
    assert rules.grant_spending_start(signed_on=date(2019, 12, 6), task_start=date(2019, 11, 30)) == date(2019, 12, 6)
    assert rules.grant_spending_start(signed_on=date(2019, 11, 6), task_start=date(2019, 11, 30)) == date(2019, 11, 30)


@pytest.mark.parametrize("spending_until, refused", [
    (date(2019, 12, 5), True),    # before grant-funded spending starts
    (date(2019, 12, 6), False),
    (date(2019, 12, 31), False),  # the end of the task
    (date(2020, 1, 1), True),     # after it
])
def test_grant_spending_ends_within_the_task(spending_until, refused):
    problem = rules.spending_end_problem(spending_until, spending_from=date(2019, 12, 6), task_end=date(2019, 12, 31))
    assert (problem is not None) == refused
    if refused:
        assert "06.12.2019" in problem and "31.12.2019" in problem and spending_until.strftime("%d.%m.%Y") in problem


def test_a_task_in_one_budget_year_has_no_partial_report():
    assert rules.partial_report_periods(date(2019, 7, 1), date(2019, 12, 31)) == []


def test_a_task_over_three_budget_years_reports_on_the_first_two_by_31_january_of_the_next():
    periods = rules.partial_report_periods(date(2019, 7, 1), date(2021, 3, 31))
    assert periods == [rules.ReportPeriod(date(2019, 7, 1), date(2019, 12, 31), date(2020, 1, 31)),
                       rules.ReportPeriod(date(2020, 1, 1), date(2020, 12, 31), date(2021, 1, 31))]
