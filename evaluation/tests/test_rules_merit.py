"""The merit evaluation's rules, without a database."""
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import translation

from evaluation.merit import rules
from evaluation.merit.rules import Criterion, Entry, Missing, Part

# The reference call's step scales (Hajnówka 2019, criteria f, g, h).
F = Criterion(6, "f", "LPR", "scale", steps=((0, 0), (1, 2), (2, 5), (3, 10)), source="lpr_projects",
              member_confirms=True)
G = Criterion(7, "g", "offerors", "scale", steps=((1, 0), (2, 2), (3, 3), (4, 4), (5, 10)), source="offerors")
H = Criterion(8, "h", "zones", "scale", steps=((3, 0), (4, 2), (5, 3), (6, 4), (7, 5)), source="zones")
A = Criterion(1, "a", "description", "judgement", parts=(Part(11, "impact", 0, 3), Part(12, "recipients", 0, 4),
                                                          Part(13, "complementarity", 0, 3)))


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(("offerors", "points"), [(1, 0), (2, 2), (3, 3), (4, 4), (5, 10), (6, 10), (12, 10)])
def test_criterion_g_at_every_step_of_the_reference_scale(offerors, points):
    assert rules.criterion_points(G, Entry(offer_count=offerors, count=99)) == points


@pytest.mark.parametrize(("zones", "points"), [(0, 0), (2, 0), (3, 0), (4, 2), (5, 3), (6, 4), (7, 5)])
def test_criterion_h_at_every_step_of_the_reference_scale(zones, points):
    assert rules.criterion_points(H, Entry(offer_count=zones)) == points


@pytest.mark.parametrize(("count", "points"), [(0, 0), (1, 2), (2, 5), (3, 10), (9, 10)])
def test_criterion_f_uses_the_count_the_member_confirms_not_the_offers(count, points):
    assert rules.criterion_points(F, Entry(count=count, offer_count=3)) == points


def test_a_computed_criterion_ignores_a_typed_count():
    assert G.computed and H.computed and not F.computed
    assert rules.criterion_points(H, Entry(count=7, offer_count=3)) == 0


def test_a_confirmed_count_not_yet_given_has_no_points():
    assert rules.criterion_points(F, Entry(count=None, offer_count=2)) is None


def test_judgement_points_are_the_sum_of_the_parts_and_none_while_a_part_is_missing():
    assert rules.criterion_points(A, Entry(parts={11: 3, 12: 4, 13: 0})) == 7
    assert rules.criterion_points(A, Entry(parts={11: 3, 12: None, 13: 0})) is None
    assert rules.sheet_total([A, G], {1: Entry(parts={11: 1, 12: 1, 13: 1}), 7: Entry(offer_count=2)}) == 5
    assert rules.sheet_total([A, G], {7: Entry(offer_count=2)}) is None


def test_maximum_points_of_the_reference_criteria():
    assert (A.max_points, F.max_points, G.max_points, H.max_points) == (10, 10, 10, 5)


@pytest.mark.parametrize(("raw", "value"), [("0", 0), ("3", 3), (" 2 ", 2), ("+1", 1), ("", None), (None, None)])
def test_whole_points_within_the_range_are_accepted(raw, value):
    assert rules.parse_points(raw, Part(1, "x", 0, 3)) == (value, None)


@pytest.mark.parametrize(("raw", "fragment"), [
    ("4", "outside the range"), ("-1", "outside the range"), ("2.5", "not a whole number"),
    ("2,5", "not a whole number"), ("abc", "not a whole number"), ("1e2", "not a whole number"),
])
def test_out_of_range_or_non_numeric_points_name_the_range(raw, fragment):
    value, error = rules.parse_points(raw, Part(1, "x", 0, 3))
    assert value is None
    assert fragment in error and "from 0 to 3" in error


@pytest.mark.parametrize(("raw", "ok"), [("0", True), ("7", True), ("", True), ("-1", False), ("x", False),
                                          ("1001", False)])
def test_counts(raw, ok):
    assert (rules.parse_count(raw)[1] is None) is ok


def test_submission_needs_every_part_and_a_justification_per_criterion_group():
    problems = dict(rules.submit_problems([A], {1: Entry(parts={11: 1, 12: None, 13: 1})}, scores=True))
    assert set(problems) == {"part-12", "justification-1"}
    assert rules.submit_problems([A], {1: Entry(parts={11: 1, 12: 1, 13: 1}, justification="ok")}, scores=True) == []


def test_a_confirmed_count_different_from_the_offer_needs_a_reason():
    assert [k for k, _m in rules.submit_problems([F], {6: Entry(count=1, offer_count=2)}, scores=True)] == [
        "justification-6"]
    assert rules.submit_problems([F], {6: Entry(count=2, offer_count=2)}, scores=True) == []
    assert [k for k, _m in rules.submit_problems([F], {6: Entry(count=None, offer_count=2)}, scores=True)] == ["count-6"]


def test_computed_criteria_need_nothing_from_the_member():
    assert rules.submit_problems([G, H], {}, scores=True) == []


def test_an_experts_sheet_needs_only_the_opinion():
    assert rules.submit_problems([A], {}, scores=False, opinion="Warto.") == []
    assert [k for k, _m in rules.submit_problems([A], {}, scores=False, opinion=" ")] == ["opinion"]


@pytest.mark.parametrize(("conflict", "grounds", "ok"), [
    (False, [], True), (True, [0], True), (True, [0, 5], True),
    (None, [], False), (True, [], False), (False, [2], False), (True, [6], False), (True, [-1], False),
])
def test_declarations(conflict, grounds, ok):
    assert (rules.declaration_error(conflict, grounds, 6) is None) is ok


def test_declaration_text_names_the_offerors_and_the_grounds():
    text = rules.declaration_text(member="Anna Nowak", offer="1/2019", offerors=["Stowarzyszenie A", "Fundacja B"],
                                  grounds=["ground one", "ground two"], conflict=True, chosen=[1], explanation="Why")
    assert "Anna Nowak" in text and "Stowarzyszenie A; Fundacja B" in text
    assert "2. ground two" in text and "ground one" not in text and "Why" in text
    impartial = rules.declaration_text(member="A", offer="1", offerors=["X"], grounds=["g1", "g2"], conflict=False,
                                       chosen=[])
    assert "none of the following" in impartial and "1. g1" in impartial and "2. g2" in impartial


@pytest.mark.parametrize(("declared", "excluded", "visible"), [(False, False, False), (True, False, True),
                                                                (True, True, False)])
def test_an_offer_is_shown_only_after_a_declaration_without_conflict(declared, excluded, visible):
    assert rules.may_see_offer(declared=declared, excluded=excluded) is visible


@pytest.mark.parametrize(("own", "excluded", "allows", "visible"), [
    (False, False, True, False), (True, False, True, True), (True, False, False, False), (True, True, True, False),
])
def test_other_sheets_only_after_submitting_ones_own_and_if_the_call_allows(own, excluded, allows, visible):
    assert rules.may_see_other_sheets(own_submitted=own, excluded=excluded, call_allows=allows) is visible


@pytest.mark.parametrize(("setting", "eligible", "required"), [
    (None, 0, 0), (None, 1, 1), (None, 2, 2), (None, 3, 2), (None, 4, 3), (None, 5, 3), (2, 5, 2), (4, 3, 3), (1, 3, 1),
])
def test_minimum_number_of_sheets(setting, eligible, required):
    assert rules.min_sheets_required(setting, eligible) == required


def test_mean_is_exact_and_shown_half_up_to_two_places():
    assert rules.mean([40, 41, 41]) == Fraction(122, 3)
    assert rules.two_places(Fraction(122, 3)) == Decimal("40.67")
    assert rules.two_places(Fraction(81, 2)) == Decimal("40.50")
    assert rules.two_places(Fraction(1, 8)) == Decimal("0.13")  # half up, not half even
    assert rules.mean([]) is None and rules.two_places(None) is None


def test_offer_outcome_with_a_single_sheet_and_the_quorum():
    one = rules.offer_outcome([37], {"a": [7]}, required=1)
    assert (one.exact, one.score, one.low, one.high, one.quorum) == (Fraction(37), Decimal("37.00"), 37, 37, True)
    short = rules.offer_outcome([37], {"a": [7]}, required=2)
    assert not short.quorum
    none = rules.offer_outcome([], {"a": []}, required=2)
    assert (none.exact, none.score, none.quorum, none.criterion_means) == (None, None, False, {})


def test_equal_means_from_different_sheets_are_exact_ties():
    assert rules.mean([40, 41]) == rules.mean([39, 42]) == rules.mean([40, 41, 40, 41]) == Fraction(81, 2)
    assert rules.mean([40, 41, 41]) > rules.mean([40, 41, 40, 41, 41, 40, 41])  # 40.667 > 40.571


def test_missing_declarations_and_sheets_before_closing():
    members = [(1, "Anna", True), (2, "Bogdan", True), (3, "Edward", False)]
    offers = [(10, "1/2019"), (20, "2/2019")]
    declared = {(1, 10): False, (2, 10): True, (3, 10): False, (1, 20): False, (3, 20): False}
    missing = rules.missing_before_close(members, offers, declared, {(1, 10)})
    assert missing == [Missing("Anna", "2/2019", "sheet"), Missing("Bogdan", "2/2019", "declaration")]
    assert "Bogdan" in rules.describe_missing(missing)
    assert rules.missing_before_close(members, offers, {**declared, (2, 20): True}, {(1, 10), (1, 20)}) == []
