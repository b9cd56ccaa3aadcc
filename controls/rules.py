"""Pure rules of control and of the return of a grant (no database).

Interest on a returned grant is "as for tax arrears" (art. 251 ust. 1 and art. 252 ust. 1 of the
public finance act of 27 August 2009): the tax ordinance (Ordynacja podatkowa) sets how it is
computed:
- art. 56 § 1: the yearly rate (`InterestRate` rows, data); a change of the rate applies from its
  day, so the days of the delay are split by the rate periods;
- the tax administration's formula per period: amount × days × rate / 365 (the days from the
  first day of interest to the day of payment, both counted);
- art. 63 § 1: interest is rounded to full złoty (below 50 grosz down, from 50 grosz up);
- art. 54 § 1 pkt 5: no interest is charged when it would not exceed three times the designated
  postal operator's fee for a registered letter (`InterestThreshold` rows, data).

When interest starts (art. 251 ust. 1-2, art. 252 ust. 1 and 5):
- unspent grant: from the day after the deadline of art. 251
  (`contracts.rules_returns.unspent_return_deadline`);
- used against its purpose (art. 252 ust. 5 pkt 1): from the day the grant (the tranche) was
  transferred;
- taken unduly or in excess (art. 252 ust. 5 pkt 2): from the day after the 15 days from the day
  the circumstance was established (art. 252 ust. 1).
"""
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from contracts.rules_returns import unspent_return_deadline
from core.money import format_money

ZERO = Decimal("0.00")
YEAR_DAYS = Decimal(365)
RETURN_DAYS_252 = 15  # art. 252 ust. 1: within 15 days of the day the circumstance was established

UNSPENT, MISUSED, EXCESS = "unspent", "misused", "excess"
SCOPES = ("progress", "quality", "use", "documents")


@dataclass(frozen=True)
class Rate:
    valid_from: date
    rate: Decimal  # percent per year


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # both counted
    rate: Decimal
    interest: Decimal  # not rounded

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Interest:
    periods: tuple[Period, ...]
    exact: Decimal  # the sum of the periods, to the grosz
    charged: Decimal  # what is due: full złoty, or zero up to the threshold
    threshold: Decimal | None

    @property
    def days(self) -> int:
        return sum(p.days for p in self.periods)

    @property
    def waived(self) -> bool:
        return self.exact > ZERO and self.charged == ZERO


def round_interest(value: Decimal) -> Decimal:
    """Art. 63 § 1 of the tax ordinance: to full złoty, 50 grosz and more up."""
    return value.quantize(Decimal("1"), rounding=ROUND_HALF_UP).quantize(Decimal("0.01"))


def interest_periods(amount: Decimal, start: date, end: date, rates: list[Rate]) -> list[Period]:
    """The days from `start` to `end` (both counted) split by the rates in force, each with its
    interest. A day before the first rate of the table is an error: the table must cover it."""
    if end < start:
        return []
    table = sorted(rates, key=lambda r: r.valid_from)
    if not table or table[0].valid_from > start:
        raise ValueError(_("The table of interest rates has no rate for %(day)s.") % {"day": start.strftime("%d.%m.%Y")})
    periods = []
    for i, rate in enumerate(table):
        until = table[i + 1].valid_from - timedelta(days=1) if i + 1 < len(table) else end
        first, last = max(start, rate.valid_from), min(end, until)
        if first > last:
            continue
        days = (last - first).days + 1
        periods.append(Period(first, last, rate.rate, amount * days * rate.rate / 100 / YEAR_DAYS))
    return periods


def interest_due(amount: Decimal, start: date, paid_on: date, rates: list[Rate],
                 threshold: Decimal | None = None) -> Interest:
    """Interest on `amount` from `start` to the day of payment (both counted)."""
    periods = tuple(interest_periods(amount, start, paid_on, rates))
    exact = sum((p.interest for p in periods), Decimal(0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    charged = round_interest(exact)
    if threshold is not None and exact <= threshold:
        charged = ZERO
    return Interest(periods, exact, charged, threshold)


def threshold_on(day: date, thresholds: list[tuple[date, Decimal]]) -> Decimal | None:
    """The threshold in force on `day` (the latest row from that day or before), or None."""
    found = None
    for valid_from, amount in sorted(thresholds):
        if valid_from <= day:
            found = amount
    return found


def return_due_on(kind: str, *, found_on: date, spending_until: date) -> date:
    """The last day to return the money without (further) interest."""
    if kind == UNSPENT:
        return unspent_return_deadline(spending_until)
    return found_on + timedelta(days=RETURN_DAYS_252)


def interest_start(kind: str, *, due_on: date, transferred_on: date) -> date:
    """The first day of interest (see the module's docstring for the articles)."""
    if kind == MISUSED:
        return transferred_on
    return due_on + timedelta(days=1)


def plan_problems(*, scope: list[str], starts_on: date, ends_on: date, controllers: str,
                  signed_on: date) -> dict[str, str]:
    """What is wrong with a planned control, by field."""
    problems = {}
    if not scope or any(code not in SCOPES for code in scope):
        problems["scope"] = _("Choose at least one matter the control covers (art. 17 of the Act).")
    if ends_on < starts_on:
        problems["ends_on"] = _("The control cannot end before it starts.")
    if starts_on < signed_on:
        problems["starts_on"] = _("A control of the contract cannot start before the contract was signed (%(day)s).") % {
            "day": signed_on.strftime("%d.%m.%Y")}
    if not [line for line in controllers.splitlines() if line.strip()]:
        problems["controllers"] = _("Name at least one person carrying out the control (art. 17 of the Act: "
                                    "the authority's officials or persons it authorises).")
    return problems


def findings_problems(*, findings: str, carried_out_on: date, starts_on: date, answer_due: date | None,
                      recommendations: str, today: date) -> dict[str, str]:
    problems = {}
    if not findings.strip():
        problems["findings"] = _("Write what the control found, even when it found nothing wrong.")
    if carried_out_on < starts_on:
        problems["carried_out_on"] = _("The control was planned from %(day)s: it cannot have been carried out "
                                       "earlier.") % {"day": starts_on.strftime("%d.%m.%Y")}
    if carried_out_on > today:
        problems["carried_out_on"] = _("A control cannot be recorded as carried out on a day still to come.")
    if recommendations.strip() and answer_due is None:
        problems["answer_due"] = _("Give the day by which the grantee must say how it followed the "
                                   "recommendations.")
    if answer_due is not None and answer_due <= today:
        problems["answer_due"] = _("The deadline for the grantee's answer must be after today.")
    return problems


def return_problems(*, amount: Decimal, grant: Decimal, outstanding: Decimal, found_on: date, today: date,
                    interest_from: date, first_transfer: date | None) -> dict[str, str]:
    problems = {}
    if amount <= ZERO:
        problems["amount"] = _("The amount to return must be more than zero.")
    elif amount + outstanding > grant:
        problems["amount"] = _("The returns of this grant would add up to more than the grant (%(grant)s).") % {
            "grant": format_money(grant)}
    if found_on > today:
        problems["found_on"] = _("The day the circumstance was established cannot be still to come.")
    if first_transfer is not None and interest_from < first_transfer:
        problems["interest_from"] = _("Interest cannot start before the grant was transferred (%(day)s).") % {
            "day": first_transfer.strftime("%d.%m.%Y")}
    return problems


@dataclass(frozen=True)
class Settlement:
    """The grant's settlement: transferred − returned − spent and accepted = 0 when settled."""

    transferred: Decimal
    reported_spent: Decimal | None  # the grant spent in the accepted final report (None: not accepted yet)
    not_accepted: Decimal  # money to return as used against its purpose or taken in excess
    returned: Decimal  # money returned (without interest)
    interest_paid: Decimal
    outstanding: Decimal  # money demanded and not returned yet

    @property
    def accepted_spent(self) -> Decimal | None:
        return None if self.reported_spent is None else self.reported_spent - self.not_accepted

    @property
    def balance(self) -> Decimal | None:
        if self.accepted_spent is None:
            return None
        return self.transferred - self.returned - self.accepted_spent

    @property
    def settled(self) -> bool:
        return self.balance == ZERO and self.outstanding == ZERO
