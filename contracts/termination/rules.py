"""The rules of ending a contract early, as pure functions (no ORM).

Where they come from: the framework contract of the 2018 regulation (Dz. U. 2018 poz. 2057,
annex 3): § 12 termination by agreement (the parties set the financial effects and the return
in a protocol), § 13 withdrawal by the grantee (only until the grant is transferred), § 14
termination by the authority at once for the reasons it lists (the authority sets the amount to
return with interest as for tax arrears from the day of the transfer, and the deadline; art. 252
of the public finance act). What was transferred and not spent properly by then is returned.
"""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy

ZERO = Decimal("0.00")
AGREEMENT, GRANTEE, AUTHORITY = "agreement", "grantee", "authority"

BEFORE_SIGNING = gettext_lazy("The contract cannot end before it was signed (%(signed)s).")
IN_FUTURE = gettext_lazy("Record a termination on the day it takes effect or later; %(day)s is still to come.")
AFTER_END = gettext_lazy("The task ended on %(end)s; a contract that ran its course is settled by the final report, "
                         "not terminated.")
PAID_ABOVE_GRANT = gettext_lazy("The grant transferred (%(paid)s) cannot be more than the grant of the contract "
                                "(%(grant)s).")
SPENT_ABOVE_PAID = gettext_lazy("The grant spent (%(spent)s) cannot be more than the grant transferred (%(paid)s).")
NEGATIVE = gettext_lazy("An amount cannot be negative.")
GROUND_MISSING = gettext_lazy("Choose the ground of the authority's termination (§ 14 of the framework contract).")
GROUND_NOT_FOR_KIND = gettext_lazy("A ground is given only when the authority terminates the contract.")
GRANTEE_AFTER_TRANSFER = gettext_lazy("The grantee may withdraw from the contract only until the grant is transferred "
                                      "(§ 13 of the framework contract); with %(paid)s transferred, end it by "
                                      "agreement or by the authority's termination.")
RETURN_BY_MISSING = gettext_lazy("Give the day by which %(amount)s is to be returned.")
RETURN_BY_EARLY = gettext_lazy("The day to return the money cannot be before the contract ends (%(on)s).")


@dataclass(frozen=True)
class Ending:
    """A termination as typed: how, from which day, and the money."""

    kind: str
    ground: str
    on: date
    paid: Decimal
    spent: Decimal
    return_by: date | None


def to_return(paid: Decimal, spent: Decimal) -> Decimal:
    """The grant transferred and not spent properly by the day the contract ends."""
    return max(paid - spent, ZERO)


def paid_until(payments: list[tuple[date, Decimal]], day: date) -> Decimal:
    """The tranches of the payment schedule due by `day`: what was transferred, unless the office
    records otherwise."""
    return sum((amount for due, amount in payments if due <= day), ZERO)


def _date_problems(e: Ending, *, signed_on: date, end_date: date, today: date, money) -> dict[str, str]:
    problems = {}
    if e.on < signed_on:
        problems["on"] = str(BEFORE_SIGNING % {"signed": signed_on.strftime("%d.%m.%Y")})
    elif e.on > today:
        problems["on"] = str(IN_FUTURE % {"day": e.on.strftime("%d.%m.%Y")})
    elif e.on > end_date:
        problems["on"] = str(AFTER_END % {"end": end_date.strftime("%d.%m.%Y")})
    amount = to_return(e.paid, e.spent)
    if amount > ZERO and e.return_by is None:
        problems["return_by"] = str(RETURN_BY_MISSING % {"amount": money(amount)})
    elif e.return_by is not None and e.return_by < e.on:
        problems["return_by"] = str(RETURN_BY_EARLY % {"on": e.on.strftime("%d.%m.%Y")})
    return problems


def _money_problems(e: Ending, *, grant: Decimal, money) -> dict[str, str]:
    problems = {}
    if e.paid < ZERO:
        problems["paid"] = str(NEGATIVE)
    elif e.paid > grant:
        problems["paid"] = str(PAID_ABOVE_GRANT % {"paid": money(e.paid), "grant": money(grant)})
    if e.spent < ZERO:
        problems["spent"] = str(NEGATIVE)
    elif e.spent > e.paid:
        problems["spent"] = str(SPENT_ABOVE_PAID % {"spent": money(e.spent), "paid": money(e.paid)})
    return problems


def _kind_problems(e: Ending, *, money) -> dict[str, str]:
    if e.kind == AUTHORITY and not e.ground:
        return {"ground": str(GROUND_MISSING)}
    if e.kind != AUTHORITY and e.ground:
        return {"ground": str(GROUND_NOT_FOR_KIND)}
    if e.kind == GRANTEE and e.paid > ZERO:
        return {"kind": str(GRANTEE_AFTER_TRANSFER % {"paid": money(e.paid)})}
    return {}


def termination_problems(e: Ending, *, signed_on: date, end_date: date, grant: Decimal, today: date,
                         money) -> dict[str, str]:
    """Field → what is wrong with the termination as typed (empty: it can be recorded). `money`
    formats an amount for the messages."""
    return {**_kind_problems(e, money=money), **_date_problems(e, signed_on=signed_on, end_date=end_date,
                                                                  today=today, money=money),
            **_money_problems(e, grant=grant, money=money)}


def interest_note(kind: str) -> str:
    """From when interest as for tax arrears runs on the money to return (art. 252 of the public
    finance act for the authority's termination for misuse: from the transfer; otherwise after
    the day set for the return)."""
    if kind == AUTHORITY:
        return str(INTEREST_FROM_TRANSFER)
    return str(INTEREST_AFTER_DEADLINE)


INTEREST_FROM_TRANSFER = gettext_lazy("Interest as for tax arrears runs from the day the grant was transferred (art. 252 "
                                      "of the public finance act), for the part used against its purpose, taken "
                                      "unduly or in excess.")
INTEREST_AFTER_DEADLINE = gettext_lazy("Interest as for tax arrears runs from the day after the day set for the return, "
                                       "if the money is returned late.")
