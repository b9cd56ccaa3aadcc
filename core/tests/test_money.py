from decimal import Decimal

import pytest

from core.money import excess, foreign_characters, format_amount, format_money, format_percent, percent_beside, to_money


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("66200"), "66 200,00 zł"),
        (Decimal("0.5"), "0,50 zł"),
        (Decimal("999.99"), "999,99 zł"),
        (Decimal("1000"), "1 000,00 zł"),
        (Decimal("1234567.891"), "1 234 567,89 zł"),
        (Decimal("-5"), "-5,00 zł"),
    ],
)
def test_money_is_shown_the_polish_way(value, shown):
    assert format_money(value) == shown


def test_amount_parses_polish_comma_and_spaces():
    assert to_money("30 000,00") == Decimal("30000.00")
    assert to_money("7200") == Decimal("7200.00")


def test_float_is_refused():
    with pytest.raises(TypeError):
        to_money(0.1)


def test_garbage_is_refused():
    with pytest.raises(ValueError):
        to_money("abc")


def test_percent_has_two_places_and_a_comma():
    assert format_percent(Decimal("0.9")) == "90,00%"
    assert format_percent(Decimal("0.15")) == "15,00%"
    assert format_amount(Decimal("5000")) == "5 000,00"


@pytest.mark.parametrize("typed", ["١٢٣", "۱۲۳٫۵", "１２３", "12٣", "१२३"])
def test_unicode_digits_are_not_money(typed):
    """Python's Decimal reads them ("١٢٣" is 123); an amount is typed with 0-9 only."""
    assert foreign_characters(typed)
    with pytest.raises(ValueError):
        to_money(typed)


def test_thousands_grouped_with_any_space_are_money():
    for typed in ("30 000,00", "30\u00a0000,00", "30\u202f000,00", "30\u2009000,00"):
        assert foreign_characters(typed) == ""
        assert to_money(typed) == Decimal("30000.00")


@pytest.mark.parametrize(
    ("fraction", "limit", "shown"),
    [
        (Decimal("13500.01") / Decimal("15000"), Decimal("0.9"), "90,0001%"),
        (Decimal("0.95"), Decimal("0.9"), "95,00%"),
        (Decimal("0.15001"), Decimal("0.15"), "15,001%"),
        (Decimal("0.9"), Decimal("0.9"), "90,00%"),
    ],
)
def test_a_share_is_shown_with_enough_digits_to_differ_from_its_limit(fraction, limit, shown):
    assert percent_beside(fraction, limit) == shown


def test_the_excess_is_rounded_up_to_the_grosz():
    assert excess(Decimal("13500.01"), Decimal("13500.00")) == Decimal("0.01")
    assert excess(Decimal("13500.05"), Decimal("13500.045")) == Decimal("0.01")
    assert excess(Decimal("10"), Decimal("20")) == Decimal("0.00")
