"""When a grant's unspent part must be returned (art. 251 of the public finance act,
Dz. U. 2023 poz. 1270 ze zm.). Pure: the contract and the control both read it."""
from datetime import date, timedelta

RETURN_DAYS = 15


def unspent_return_deadline(spending_until: date) -> date:
    """The last day for returning the part of the grant not spent by `spending_until`.

    A grant whose spending period runs to the end of the budget year (31 December) is returned
    by 31 January of the next year (art. 251 ust. 1); a shorter one within 15 days of the day
    the contract sets as the end of spending (art. 251 ust. 2). Interest for a late return runs
    from the day after this one.
    """
    if (spending_until.month, spending_until.day) == (12, 31):
        return date(spending_until.year + 1, 1, 31)
    return spending_until + timedelta(days=RETURN_DAYS)
