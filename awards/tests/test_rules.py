"""Ranking and allocation, without a database."""
from datetime import datetime, timezone
from decimal import Decimal as D
from fractions import Fraction as F

import pytest
from django.utils import translation

from awards import rules
from awards.rules import Candidate


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def c(pk, score, requested=None, **kw):
    return Candidate(pk, f"{pk:03d}", F(score) if score is not None else None,
                     requested=requested or {}, **kw)


def positions(places):
    return [(p.candidate.offer_pk, p.position, p.ex_aequo) for p in places]


def test_ranking_orders_by_the_exact_score_and_shows_ties_as_ties():
    places = rules.rank([c(1, F(121, 3)), c(2, 45), c(3, F(121, 3)), c(4, 40)])
    assert positions(places) == [(2, 1, False), (1, 2, True), (3, 2, True), (4, 4, False)]


def test_the_cost_criterion_breaks_a_tie():
    places = rules.rank([c(1, 40, criterion_mean=F(7)), c(2, 40, criterion_mean=F(9)), c(3, 40, criterion_mean=F(7))],
                        rule=rules.CRITERION)
    assert positions(places) == [(2, 1, False), (1, 2, True), (3, 2, True)]
    assert places[0].broken_tie


def test_the_earlier_submission_breaks_a_tie():
    early, late = datetime(2019, 5, 1, tzinfo=timezone.utc), datetime(2019, 5, 2, tzinfo=timezone.utc)
    places = rules.rank([c(1, 40, submitted_at=late), c(2, 40, submitted_at=early)], rule=rules.SUBMISSION)
    assert positions(places) == [(2, 1, False), (1, 2, False)]


def test_minimum_score_quorum_and_unscored_offers_are_not_recommended():
    places = rules.rank([c(1, 30), c(2, 20), c(3, 50, quorum=False), c(4, None)], minimum=D("25.00"))
    by_pk = {p.candidate.offer_pk: p for p in places}
    assert by_pk[1].recommended and not by_pk[2].recommended and not by_pk[3].recommended
    assert by_pk[4].position == 0 and not by_pk[4].recommended
    assert "25" in by_pk[2].reason and "25.00" not in by_pk[2].reason  # written as the language writes numbers


def granted(allocation):
    return {k: v for k, v in allocation.granted.items()}


def test_allocation_grants_in_full_then_the_remainder_then_nothing_per_action():
    places = rules.rank([c(1, 50, {"A": D("20000.00")}), c(2, 40, {"A": D("15000.00")}),
                         c(3, 30, {"A": D("5000.00")})])
    allocation = rules.allocate(places, {"A": D("30000.00")})
    assert granted(allocation) == {(1, "A"): D("20000.00"), (2, "A"): D("10000.00"), (3, "A"): D("0.00")}
    assert [s.outcome for s in allocation.steps] == ["full", "partial", "exhausted"]
    assert allocation.left == {"A": D("0.00")}


def test_money_never_moves_between_actions_for_an_offer_spanning_two():
    places = rules.rank([c(1, 50, {"A": D("3000.00"), "B": D("4000.00")}), c(2, 40, {"A": D("1000.00"),
                                                                                      "B": D("2000.00")})])
    allocation = rules.allocate(places, {"A": D("10000.00"), "B": D("5000.00")})
    assert granted(allocation) == {(1, "A"): D("3000.00"), (1, "B"): D("4000.00"), (2, "A"): D("1000.00"),
                                   (2, "B"): D("1000.00")}
    assert allocation.left == {"A": D("6000.00"), "B": D("0.00")}  # A's surplus does not reach B


def test_tied_offers_competing_for_too_little_money_are_flagged_for_the_mayor():
    places = rules.rank([c(1, 40, {"A": D("3000.00")}), c(2, 40, {"A": D("3000.00")})])
    allocation = rules.allocate(places, {"A": D("4000.00")})
    assert [s.outcome for s in allocation.steps] == ["full", "tie"]


def test_not_recommended_offers_get_nothing_even_with_money_left():
    places = rules.rank([c(1, 20, {"A": D("100.00")})], minimum=D("30"))
    allocation = rules.allocate(places, {"A": D("1000.00")})
    assert granted(allocation) == {(1, "A"): D("0.00")}
    assert allocation.steps[0].outcome == "not_recommended"


def test_a_rerun_on_what_is_left_skips_offers_that_keep_their_grant():
    places = rules.rank([c(1, 50, {"A": D("20000.00")}), c(2, 40, {"A": D("15000.00")})])
    # offer 1 withdrew: its 20 000 are free again; offer 2 already has 10 000
    allocation = rules.allocate(places, {"A": D("30000.00")}, already={"A": D("0.00")}, skip={1})
    assert granted(allocation) == {(2, "A"): D("15000.00")}


@pytest.mark.parametrize(("raw", "value"), [("1 250,50", D("1250.50")), ("1250.5", D("1250.50")), ("0", D("0.00")),
                                            ("66\u00a0200,00 zł", D("66200.00")), ("abc", None), ("1,234", None),
                                            ("", None), ("NaN", None), ("1.005", None),
                                            ("١٢٥٠", None), ("1\u2009250,50", D("1250.50"))])
def test_amounts_typed_the_polish_way(raw, value):
    assert rules.parse_amount(raw) == value


def test_decision_cannot_exceed_requested_or_any_actions_budget():
    money = str
    rows = [("001", "A", D("100.00"), D("150.00")), ("002", "A", D("100.00"), D("-1.00")),
            ("003", "B", D("500.00"), D("500.00")), ("004", "B", D("600.00"), D("600.00"))]
    errors = rules.decision_errors(rows, {"A": D("1000.00"), "B": D("1000.00")}, money)
    assert len(errors) == 3
    assert "150.00" in errors[0] and "negative" in errors[1] and "1100.00" in errors[2]
    assert rules.decision_errors([("001", "A", D("100.00"), D("100.00"))], {"A": D("100.00")}, money) == []
