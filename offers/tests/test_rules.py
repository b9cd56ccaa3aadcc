"""Each rule of an offer at, just under and just over its boundary (no database)."""
from datetime import date
from decimal import Decimal

import pytest

from offers import rules
from offers.rules import CallLimits, CostLine, IndicatorDeclaration, OfferData, ScheduleLine

D = Decimal


@pytest.fixture(autouse=True)
def _polish(settings):
    from django.utils import translation

    with translation.override("pl"):
        yield


LIMITS = CallLimits(
    min_actions=2,
    max_grant_share=D("0.90"),
    max_admin_share=D("0.15"),
    action_budgets={"A": D("30000.00"), "B": D("5000.00"), "C": D("7200.00"), "D": D("24000.00")},
    realisation_start=date(2019, 7, 1),
    realisation_end=date(2019, 12, 31),
)


def line(code="A", total="1000.00", grant=None, kind="substantive", **extra):
    total = D(total)
    grant = D(grant) if grant is not None else total * D("0.9")
    own = total - grant
    return CostLine(action_code=code, name=f"koszt {code}", kind=kind, quantity=D(1), unit_cost=total, grant=grant,
                    own_financial=own, **extra)


def valid_offer(**changes) -> OfferData:
    data = OfferData(
        title="Zadanie",
        start_date=date(2019, 7, 1),
        end_date=date(2019, 12, 31),
        texts={name: "tekst" for name in rules.REQUIRED_TEXTS if name != "title"},
        action_codes=["A", "D"],
        indicators=[IndicatorDeclaration("A", "adresaci", D(100), D(100)), IndicatorDeclaration("D", "dzieci", D(12), D(12))],
        costs=[line("A"), line("D")],
        schedule=[ScheduleLine("warsztaty", date(2019, 7, 1), date(2019, 12, 31))],
        statements={name: True for name in rules.STATEMENTS},
        offeror_ids=[1],
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def messages(data: OfferData) -> list[str]:
    return [p.message for p in rules.offer_problems(data, LIMITS)]


def test_the_valid_offer_has_no_problems():
    assert messages(valid_offer()) == []


# --- grant share: 90% ------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("grant", "ok"),
    [("900.00", True), ("899.99", True), ("900.01", False), ("950.00", False)],
)
def test_grant_share_boundary(grant, ok):
    assert (rules.grant_share_violation(D(grant), D("1000.00"), max_share=D("0.90")) is None) is ok


def test_grant_share_message_names_the_numbers():
    message = rules.grant_share_violation(D("9500.00"), D("10000.00"), max_share=D("0.90"))
    assert "9 500,00 zł" in message and "95,00%" in message and "90,00%" in message


def test_grant_one_grosz_over_the_limit_shows_the_excess_and_a_share_unlike_the_limit():
    message = rules.grant_share_violation(D("13500.01"), D("15000.00"), max_share=D("0.90"))
    assert message == ("Dotacja 13 500,01 zł stanowi 90,0001% kosztów całkowitych zadania (15 000,00 zł); "
                       "limit wynosi 90,00%; dotacja przekracza go o 0,01 zł.")


def test_grant_over_the_limit_by_a_fraction_of_a_grosz_is_over_by_one_grosz():
    # 90% of 15 000,05 is 13 500,045: 13 500,05 must lose a grosz to fit
    message = rules.grant_share_violation(D("13500.05"), D("15000.05"), max_share=D("0.90"))
    assert "przekracza go o 0,01 zł" in message and "90,00%;" in message and "stanowi 90,00%" not in message


def test_admin_costs_one_grosz_over_show_the_excess():
    message = rules.admin_share_violation(D("150.01"), D("1000.00"), max_share=D("0.15"), code="A")
    assert message == ("Koszty administracyjne działania A, 150,01 zł, stanowią 15,001% wartości działania "
                       "(1 000,00 zł); limit wynosi 15,00%; koszty przekraczają go o 0,01 zł.")
    whole = rules.admin_share_violation(D("3000.01"), D("20000.00"), max_share=D("0.15"))
    assert "stanowią 15,0001%" in whole and "przekraczają go o 0,01 zł" in whole


def test_grant_share_over_the_whole_offer_is_reported_in_costs():
    data = valid_offer(costs=[line("A", grant="950.00"), line("D", grant="900.00")])
    found = [p for p in rules.offer_problems(data, LIMITS) if "92,50%" in p.message]
    assert found and found[0].section == "costs"


# --- administrative costs: 15% of the actions and of each action ---------------------------

@pytest.mark.parametrize(("admin", "ok"), [("150.00", True), ("149.99", True), ("150.01", False)])
def test_admin_share_boundary(admin, ok):
    assert (rules.admin_share_violation(D(admin), D("1000.00"), max_share=D("0.15")) is None) is ok


@pytest.mark.parametrize(("admin", "ok"), [("150.00", True), ("150.01", False)])
def test_admin_share_of_one_action(admin, ok):
    rest = D("1000.00") - D(admin)
    costs = [line("A", total=str(rest)), line("A", total=admin, kind="administrative"), line("D", total="5000.00")]
    per_action = [m for m in messages(valid_offer(costs=costs)) if "działania A" in m or "action A" in m]
    assert (per_action == []) is ok


def test_admin_share_of_the_whole_offer_counts_every_action():
    costs = [line("A", total="840.00"), line("A", total="160.00", kind="administrative"),
             line("D", total="1000.00")]  # A alone: 16%; whole: 8%
    found = messages(valid_offer(costs=costs))
    assert any("16,00%" in m for m in found)
    assert not any("8,00%" in m for m in found)


# --- budget per action -----------------------------------------------------------------------

@pytest.mark.parametrize(("grant", "ok"), [("30000.00", True), ("29999.99", True), ("30000.01", False)])
def test_requested_grant_per_action_is_within_its_budget(grant, ok):
    assert (rules.action_budget_violation("A", D(grant), D("30000.00")) is None) is ok


def test_money_never_moves_between_actions():
    # B's budget is 5 000: asking 5 400 there is wrong even though A has money left
    costs = [line("A", total="1000.00"), line("B", total="6000.00", grant="5400.00")]
    found = messages(valid_offer(action_codes=["A", "B"], costs=costs,
                                 indicators=[]))
    assert any("5 400,00 zł" in m and "5 000,00 zł" in m for m in found)


# --- minimum number of actions ----------------------------------------------------------------

@pytest.mark.parametrize(("chosen", "ok"), [(1, False), (2, True), (3, True)])
def test_minimum_number_of_actions(chosen, ok):
    assert (rules.min_actions_violation(chosen, 2) is None) is ok


# --- indicators -------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "ok"), [("99", False), ("100", True), ("101", True), (None, False)])
def test_indicator_minimum(value, ok):
    decl = IndicatorDeclaration("A", "liczba adresatów", D(100), D(value) if value else None)
    assert (rules.indicator_violation(decl) is None) is ok


def test_indicator_message_names_value_and_minimum():
    message = rules.indicator_violation(IndicatorDeclaration("A", "liczba adresatów", D(100), D(99)))
    assert "99" in message and "100" in message and "liczba adresatów" in message


def test_indicators_of_actions_not_chosen_are_ignored():
    data = valid_offer(indicators=[IndicatorDeclaration("B", "x", D(20), None)])
    assert messages(data) == []


# --- dates -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        (date(2019, 7, 1), date(2019, 12, 31), True),
        (date(2019, 6, 30), date(2019, 12, 31), False),
        (date(2019, 7, 1), date(2020, 1, 1), False),
        (date(2019, 9, 1), date(2019, 8, 31), False),
        (None, date(2019, 8, 31), False),
    ],
)
def test_realisation_dates_lie_within_the_period(start, end, ok):
    result = rules.dates_violation(start, end, period_start=date(2019, 7, 1), period_end=date(2019, 12, 31))
    assert (result is None) is ok


def test_schedule_rows_lie_within_the_task_dates():
    data = valid_offer(start_date=date(2019, 8, 1),
                       schedule=[ScheduleLine("warsztaty", date(2019, 7, 31), date(2019, 9, 1))])
    assert any("warsztaty" in m for m in messages(data))


def test_schedule_needs_an_activity():
    assert any(p.section == "schedule" for p in rules.offer_problems(valid_offer(schedule=[]), LIMITS))


# --- cost lines ------------------------------------------------------------------------------

def test_sources_must_add_up_to_the_cost():
    bad = CostLine("A", "sala", quantity=D(2), unit_cost=D("100.00"), grant=D("150.00"), own_financial=D("49.99"))
    assert any("199,99 zł" in m and "200,00 zł" in m for m in rules.cost_line_problems(bad))


def test_item_total_rounds_half_up_to_grosze():
    assert rules.item_total(D("3"), D("33.335")) == D("100.01")
    assert rules.item_total(D("2.5"), D("10.00")) == D("25.00")


@pytest.mark.parametrize(
    ("hours", "rate", "personal", "ok"),
    [("10", "25.00", "250.00", True), ("10", "25.00", "250.01", False), (None, None, "250.00", False)],
)
def test_personal_contribution_needs_an_hourly_valuation(hours, rate, personal, ok):
    item = CostLine("A", "praca wolontariuszy", quantity=D(1), unit_cost=D(personal), own_personal=D(personal),
                    personal_hours=D(hours) if hours else None, personal_rate=D(rate) if rate else None)
    assert (rules.cost_line_problems(item) == []) is ok


def test_in_kind_contribution_needs_a_valuation():
    item = CostLine("A", "sala", quantity=D(1), unit_cost=D("100.00"), own_in_kind=D("100.00"))
    assert rules.cost_line_problems(item)
    item.in_kind_valuation = "cena rynkowa wynajmu sali: 100 zł/dzień"
    assert rules.cost_line_problems(item) == []


@pytest.mark.parametrize("field", ["quantity", "unit_cost", "grant"])
def test_negative_or_zero_values_are_refused(field):
    item = line("A")
    setattr(item, field, D("-1") if field != "quantity" else D("0"))
    assert rules.cost_line_problems(item)


def test_an_action_without_costs_is_reported():
    assert any("D" in m for m in messages(valid_offer(costs=[line("A")])))


# --- statements, texts, offerors -------------------------------------------------------------------

@pytest.mark.parametrize("name", rules.STATEMENTS)
def test_every_statement_is_required(name):
    statements = {s: True for s in rules.STATEMENTS}
    statements[name] = False
    problems = rules.offer_problems(valid_offer(statements=statements), LIMITS)
    assert [(p.section, p.field) for p in problems] == [("statements", rules.STATEMENT_VARIANTS.get(name, name))]


@pytest.mark.parametrize("name", [n for n in rules.REQUIRED_TEXTS if n != "title"])
def test_required_texts(name):
    texts = {n: "tekst" for n in rules.REQUIRED_TEXTS if n != "title"}
    texts[name] = "  "
    problems = rules.offer_problems(valid_offer(texts=texts), LIMITS)
    assert [(p.section, p.field) for p in problems] == [(rules.REQUIRED_TEXTS[name], name)]


def test_an_organisation_cannot_be_two_offerors():
    assert any(p.section == "offerors" for p in rules.offer_problems(valid_offer(offeror_ids=[1, 1]), LIMITS))


# --- totals and the split between offerors ---------------------------------------------------

def test_totals_per_action_and_whole():
    costs = [line("A", total="1000.00"), line("A", total="100.00", kind="administrative"), line("D", total="500.00")]
    per_action, whole = rules.totals(costs, ["A", "D"])
    assert per_action["A"].total == D("1100.00") and per_action["A"].admin == D("100.00")
    assert whole.total == D("1600.00") and whole.grant == D("1440.00")


def test_split_by_offeror_defaults_to_the_lead():
    costs = [line("A", total="1000.00", offeror_id=7), line("D", total="500.00")]
    assert rules.split_by_offeror(costs, lead_id=3) == {7: D("1000.00"), 3: D("500.00")}


# --- who may be an offeror, who bears costs, attachments ---------------------------------------

ELIGIBLE = CallLimits(**{**LIMITS.__dict__, "eligible_forms": ("association", "foundation")})


def test_a_partner_of_an_ineligible_legal_form_is_reported():
    data = valid_offer(offeror_ids=[1, 2], offerors=[(1, "Stowarzyszenie", "association"), (2, "Spółka z o.o.", "company")])
    problems = rules.offer_problems(data, ELIGIBLE)
    assert [(p.section, "Spółka z o.o." in p.message) for p in problems] == [("offerors", True)]


def test_eligible_offerors_pass():
    data = valid_offer(offeror_ids=[1, 2], offerors=[(1, "Stowarzyszenie", "association"), (2, "Fundacja", "foundation")])
    assert rules.offer_problems(data, ELIGIBLE) == []


def test_a_cost_borne_by_an_organisation_outside_the_offer_is_reported():
    data = valid_offer(costs=[line("A", offeror_id=99), line("D")])
    assert any(p.section == "costs" and "koszt A" in p.message for p in rules.offer_problems(data, LIMITS))


def test_a_schedule_row_with_a_foreign_responsible_is_reported():
    data = valid_offer(schedule=[ScheduleLine("warsztaty", date(2019, 7, 1), date(2019, 12, 31), responsible_id=99)])
    assert [p.section for p in rules.offer_problems(data, LIMITS)] == ["schedule"]


def test_a_cost_needs_a_unit():
    item = line("A")
    item.unit = " "
    assert rules.cost_line_problems(item)


def test_required_attachments_are_matched_by_description():
    limits = CallLimits(**{**LIMITS.__dict__, "required_attachments": ("Statut",)})
    assert [p.section for p in rules.offer_problems(valid_offer(), limits)] == ["attachments"]
    assert rules.offer_problems(valid_offer(attachment_descriptions=["statut "]), limits) == []


# --- the call's rules: its statements and the base of the administrative-cost limit -----------


def test_only_the_statements_the_call_requires_are_required():
    limits = CallLimits(**{**LIMITS.__dict__, "required_statements": ("statutory", "true")})
    statements = {s: False for s in rules.STATEMENTS} | {"st_statutory": True}
    problems = rules.offer_problems(valid_offer(statements=statements), limits)
    assert [(p.section, p.field) for p in problems] == [("statements", "st_true")]
    none_required = CallLimits(**{**LIMITS.__dict__, "required_statements": ()})
    assert rules.offer_problems(valid_offer(statements={}), none_required) == []


@pytest.mark.parametrize(("base", "admin", "ok"), [
    ("total", "150.00", True),     # 150 of 1000 (the total, admin included): 15%
    ("actions", "150.00", False),  # 150 of 850 (the actions without admin): 17,65%
    ("actions", "130.43", True),   # 130,43 of 869,57: 14,9994%
    ("actions", "130.44", False),  # 130,44 of 869,56: 15,0007%
])
def test_the_admin_share_is_computed_on_the_call_s_base(base, admin, ok):
    limits = CallLimits(**{**LIMITS.__dict__, "admin_cost_base": base})
    rest = D("1000.00") - D(admin)
    costs = [line("A", total=str(rest)), line("A", total=admin, kind="administrative"), line("D", total="5000.00")]
    found = [p.message for p in rules.offer_problems(valid_offer(costs=costs), limits)]
    assert (not any("działania A" in m for m in found)) is ok
