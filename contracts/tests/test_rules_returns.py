from datetime import date

import pytest

from contracts.rules_returns import unspent_return_deadline


@pytest.mark.parametrize(
    ("spending_until", "deadline"),
    [
        (date(2019, 12, 31), date(2020, 1, 31)),  # the year's end: 31 January
        (date(2019, 12, 15), date(2019, 12, 30)),  # 15 days, still in the year
        (date(2019, 12, 20), date(2020, 1, 4)),  # 15 days reaching into the next year
        (date(2020, 2, 20), date(2020, 3, 6)),  # a leap year's February
        (date(2019, 6, 30), date(2019, 7, 15)),
    ],
)
def test_unspent_return_deadline(spending_until, deadline):
    assert unspent_return_deadline(spending_until) == deadline
