"""Rules of the grantee's final report (the report form of the regulation of 24 October 2018, and
art. 18 of the Act): its deadline, the deviation of each result from the declared value, and the
settlement of the grant — how much is to be returned.

The grant to return is the sum of three parts, computed in this order so that no grosz counts
twice:

1. unused: the grant received but not spent;
2. item overrun: grant spent on a cost item above its planned grant by more than the call's
   tolerance (`cost_shift_limit`, 20% in the reference call), the excess over the tolerance;
3. over the share: what remains spent above the call's maximum share (90%) of the actual total
   cost of the task (rounded down to the grosz, in the city's favour never the grantee's).

Pure functions on plain data.
"""
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.money import format_money, format_percent, percent_beside

ZERO = Decimal("0.00")
CENT = Decimal("0.01")

# The report's sections, as the clerk comments on them (the report form's parts).
SECTIONS = {
    "execution": gettext_lazy("I. What was done, against the plan and schedule"),
    "results": gettext_lazy("I. Results achieved"),
    "costs": gettext_lazy("II. Costs and the settlement of the grant"),
    "other": gettext_lazy("III. Other information"),
}


def deviation(declared: Decimal, achieved: Decimal) -> Decimal | None:
    """(achieved − declared) / declared: −0.15 is 15% short; None when nothing was declared."""
    return (achieved - declared) / declared if declared else None


def deviation_flagged(declared: Decimal, achieved: Decimal, limit: Decimal) -> bool:
    """A result that misses (or exceeds) its declared value by more than `limit` must be justified."""
    if declared == 0:
        return False
    return abs(achieved - declared) > abs(declared) * limit


def result_problem(name: str, declared: Decimal, achieved: Decimal | None, justification: str,
                   limit: Decimal) -> str | None:
    if achieved is None:
        return _("Result “%(name)s”: give the value achieved.") % {"name": name}
    if achieved < 0:
        return _("Result “%(name)s”: the value cannot be negative.") % {"name": name}
    if deviation_flagged(declared, achieved, limit) and not justification.strip():
        return _("Result “%(name)s”: achieved %(pct)s of the declared value, a deviation of more than %(limit)s; "
                 "explain why.") % {"name": name, "pct": _achieved_share(declared, achieved, limit),
                                     "limit": format_percent(limit)}
    return None


def _achieved_share(declared: Decimal, achieved: Decimal, limit: Decimal) -> str:
    """achieved / declared, with enough digits to differ from the edge of the allowed deviation
    (89,9999% is not "90,00%" when a shortfall of more than 10% must be explained)."""
    edge = 1 - abs(limit) if achieved < declared else 1 + abs(limit)
    return percent_beside(achieved / declared, edge)


@dataclass(frozen=True)
class CostActual:
    name: str
    planned_total: Decimal
    planned_grant: Decimal
    actual_total: Decimal
    actual_grant: Decimal


def cost_problem(line: CostActual) -> str | None:
    if line.actual_total < 0 or line.actual_grant < 0:
        return _("Cost “%(name)s”: amounts cannot be negative.") % {"name": line.name}
    if line.actual_grant > line.actual_total:
        return _("Cost “%(name)s”: the grant spent, %(grant)s, exceeds the cost incurred, %(total)s.") % {
            "name": line.name, "grant": format_money(line.actual_grant), "total": format_money(line.actual_total)}
    return None


def item_overrun(line: CostActual, tolerance: Decimal) -> Decimal:
    """Grant spent on an item beyond its planned grant plus the tolerance (0 when within it)."""
    allowed = (line.planned_grant * (1 + tolerance)).quantize(CENT, rounding=ROUND_DOWN)
    return max(ZERO, line.actual_grant - allowed)


@dataclass(frozen=True)
class Settlement:
    received: Decimal
    used: Decimal
    actual_total: Decimal
    own: Decimal
    unused: Decimal
    overrun: Decimal
    allowed_by_share: Decimal
    over_share: Decimal
    max_share: Decimal

    @property
    def to_return(self) -> Decimal:
        return self.unused + self.overrun + self.over_share

    @property
    def share(self) -> Decimal:
        return self.used / self.actual_total if self.actual_total else Decimal(0)


def settlement(received: Decimal, lines: list[CostActual], *, max_share: Decimal, tolerance: Decimal) -> Settlement:
    used = sum((line.actual_grant for line in lines), ZERO)
    actual_total = sum((line.actual_total for line in lines), ZERO)
    unused = max(ZERO, received - used)
    overrun = sum((item_overrun(line, tolerance) for line in lines), ZERO)
    allowed = (actual_total * max_share).quantize(CENT, rounding=ROUND_DOWN)
    over_share = max(ZERO, used - overrun - allowed)
    return Settlement(received=received, used=used, actual_total=actual_total, own=actual_total - used,
                      unused=unused, overrun=overrun, allowed_by_share=allowed, over_share=over_share,
                      max_share=max_share)


def settlement_problem(result: Settlement) -> str | None:
    if result.used > result.received:
        return _("The grant spent, %(used)s, is more than the grant received, %(received)s.") % {
            "used": format_money(result.used), "received": format_money(result.received)}
    return None


def is_late(due: date, submitted_on: date) -> bool:
    """Late when submitted after the due day (the whole due day counts, Warsaw time)."""
    return submitted_on > due


def days_late(due: date, day: date) -> int:
    return max(0, (day - due).days)
