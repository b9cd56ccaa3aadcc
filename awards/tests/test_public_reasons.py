"""The public reason for an offer without a (full) grant, computed from what happened to it
(`awards.rules.public_reasons`): every branch, without a database."""
from decimal import Decimal as D

import pytest
from django.utils import translation

from awards import rules
from awards.rules import ActionFacts, OfferFacts


def money(value) -> str:
    return f"{value} zł"


def action(code="A", requested="4050.00", awarded="0.00", left="0.00", freed="0.00", stated=""):
    return ActionFacts(code, D(requested), D(awarded), D(left), D(freed), stated)


def kinds(facts: OfferFacts) -> list[str]:
    return [r.kind for r in rules.public_reasons(facts, money)]


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_an_offer_granted_all_it_asked_for_has_no_reason():
    facts = OfferFacts(actions=(action(awarded="4050.00", left="9000.00"), action("D", awarded="4050.00")))
    assert rules.public_reasons(facts, money) == []
    assert rules.public_reason(facts, money) == ""


def test_a_formally_rejected_offer_says_so_whatever_else():
    assert kinds(OfferFacts(admitted=False, withdrawn=True, actions=(action(left="9000.00"),))) == [rules.FORMAL]


def test_a_withdrawn_offer_says_so():
    assert kinds(OfferFacts(withdrawn=True, actions=(action(left="9000.00"),))) == [rules.WITHDRAWN]


def test_an_offer_whose_offeror_resigned_says_so_even_with_money_left():
    facts = OfferFacts(resigned=True, actions=(action(left="9000.00"),))
    assert kinds(facts) == [rules.RESIGNED]
    assert rules.public_reason(facts, money) == "the offeror resigned from the lower grant it was awarded"


def test_money_left_but_the_offer_is_below_the_minimum_score():
    facts = OfferFacts(recommended=False, not_recommended="below the minimum score of 30.00",
                       actions=(action(left="8100.00"),))
    assert kinds(facts) == [rules.NOT_RECOMMENDED]
    assert rules.public_reason(facts, money) == "below the minimum score of 30.00"


def test_a_not_recommended_offer_the_authority_funded_in_part_is_explained_per_action():
    facts = OfferFacts(recommended=False, not_recommended="below the minimum score of 30.00",
                       actions=(action(awarded="1000.00", left="8100.00", stated="Zadanie ważne dla gminy"),))
    assert kinds(facts) == [rules.AUTHORITY]


def test_no_money_left_after_offers_ranked_higher_is_exhausted():
    facts = OfferFacts(actions=(action(left="0.00"),))
    assert kinds(facts) == [rules.EXHAUSTED]
    assert rules.public_reason(facts, money) == "action A: its money was used up by offers ranked higher"


def test_a_negative_remainder_counts_as_none_left():
    assert kinds(OfferFacts(actions=(action(left="-100.00"),))) == [rules.EXHAUSTED]


def test_the_remainder_given_in_full_is_a_partial_grant():
    facts = OfferFacts(actions=(action(awarded="1900.00", left="1900.00"),))
    assert kinds(facts) == [rules.PARTIAL]
    assert rules.public_reason(facts, money) == (
        "action A: granted in part, only 1900.00 zł was left after offers ranked higher")


def test_money_left_and_nothing_given_without_a_stated_reason_is_not_called_exhausted():
    facts = OfferFacts(actions=(action(left="5000.00"),))
    assert kinds(facts) == [rules.AUTHORITY]
    assert "used up" not in rules.public_reason(facts, money)
    assert rules.public_reason(facts, money) == (
        "action A: the authority awarded less than the money left in the action allowed")


def test_money_left_and_the_authority_lowered_it_with_a_reason():
    facts = OfferFacts(actions=(action(awarded="3000.00", left="9000.00", stated="  Koszty cateringu zawyżone "),))
    assert kinds(facts) == [rules.AUTHORITY]
    assert rules.public_reason(facts, money) == "action A: the authority's reason: Koszty cateringu zawyżone"


def test_less_money_left_than_requested_but_given_less_still_is_the_authoritys_choice():
    facts = OfferFacts(actions=(action(awarded="500.00", left="2000.00", stated="Zakres ograniczony"),))
    assert kinds(facts) == [rules.AUTHORITY]


def test_money_freed_by_a_resignation_and_not_re_allocated_is_named():
    facts = OfferFacts(actions=(action(left="4050.00", freed="4050.00"),))
    assert kinds(facts) == [rules.FREED]
    assert "4050.00 zł freed later by a resignation" in rules.public_reason(facts, money)


def test_freed_money_that_would_not_have_been_enough_either_way_is_still_freed_not_exhausted():
    facts = OfferFacts(actions=(action(awarded="1000.00", left="3000.00", freed="2000.00"),))
    assert kinds(facts) == [rules.FREED]


def test_money_left_beyond_what_was_freed_is_the_authoritys_choice():
    facts = OfferFacts(actions=(action(left="9000.00", freed="1000.00"),))
    assert kinds(facts) == [rules.AUTHORITY]


def test_a_stated_reason_wins_over_freed_money():
    facts = OfferFacts(actions=(action(left="4050.00", freed="4050.00", stated="Nie przesunięto środków"),))
    assert kinds(facts) == [rules.AUTHORITY]


def test_each_action_has_its_own_reason_in_the_order_of_the_codes():
    facts = OfferFacts(actions=(action("D", awarded="1900.00", left="1900.00"), action("A", left="0.00"),
                                action("B", awarded="4050.00", left="5000.00")))
    assert kinds(facts) == [rules.EXHAUSTED, rules.PARTIAL]
    assert rules.public_reason(facts, money) == (
        "action A: its money was used up by offers ranked higher; "
        "action D: granted in part, only 1900.00 zł was left after offers ranked higher")


def test_the_reasons_are_polish_in_polish():
    with translation.override("pl"):
        text = rules.public_reason(OfferFacts(actions=(action(left="0.00"),)), money)
    assert text.startswith("działanie A:")


@pytest.mark.parametrize("proposed, saved, typed, saved_reason, needed", [
    ("4050.00", "4050.00", "4050.00", "", False),   # the proposal kept
    ("4050.00", "4050.00", "3000.00", "", True),    # lowered now
    ("4050.00", "4050.00", "0.00", "", True),       # zeroed now
    ("1900.00", "1900.00", "2500.00", "", True),    # raised now
    ("4050.00", "0.00", "0.00", "", False),         # zeroed by a resignation, left as it is
    ("0.00", "2000.00", "2000.00", "", False),      # raised by a re-allocation, left as it is
    ("4050.00", "3000.00", "3000.00", "Powód", True),  # kept with a reason given before: still needs one
    ("4050.00", "3000.00", "4050.00", "Powód", False),  # back to the proposal
])
def test_a_reason_is_needed_for_an_amount_other_than_the_proposals_when_set(proposed, saved, typed, saved_reason,
                                                                             needed):
    assert rules.stated_reason_needed(proposed=D(proposed), saved=D(saved), typed=D(typed),
                                      saved_reason=saved_reason) is needed


@pytest.mark.parametrize(("value", "polish", "english"), [(D("30.00"), "30", "30"), (D("27.50"), "27,50", "27.50")])
def test_a_minimum_score_is_written_as_the_language_writes_numbers(value, polish, english):
    with translation.override("pl"):
        assert rules.points_text(value) == polish
    with translation.override("en"):
        assert rules.points_text(value) == english
