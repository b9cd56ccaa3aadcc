from decimal import Decimal

import pytest

from core.money import format_amount, format_money, format_percent, to_money


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
