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
from datetime import date, timedelta
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
    "statements": gettext_lazy("Statements and signatures"),
}

# The report's texts, as the form and the services name them.
TEXTS = ("results_description", "execution", "other_revenue", "recipient_fees_info", "other_information",
         "signatories")


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


def settlement(received: Decimal, lines: list[CostActual], *, max_share: Decimal, tolerance: Decimal,
               final: bool = True) -> Settlement:
    """The settlement of the grant. A partial report settles only the grant received and not used
    in its budget year (art. 251 of the public finance act); the items and the share are judged
    on the whole task, in the final report (`lines` then hold every period's costs)."""
    used = sum((line.actual_grant for line in lines), ZERO)
    actual_total = sum((line.actual_total for line in lines), ZERO)
    unused = max(ZERO, received - used)
    overrun = sum((item_overrun(line, tolerance) for line in lines), ZERO) if final else ZERO
    allowed = (actual_total * max_share).quantize(CENT, rounding=ROUND_DOWN)
    over_share = max(ZERO, used - overrun - allowed) if final else ZERO
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


# --- the periods reported on (art. 18 of the Act; the framework contract's section on reports) -----


@dataclass(frozen=True)
class Period:
    kind: str  # "partial" or "final"
    start: date
    end: date
    due: date


def period_name(kind: str, year: int) -> str:
    """"Final report", or "Partial report for 2025"."""
    if kind == "final":
        return _("Final report")
    return _("Partial report for %(year)s") % {"year": year}


def report_periods(start: date, end: date, *, final_due: date, partial_days: int = 31) -> list[Period]:
    """The reports a task owes: a partial report for each budget year the task runs in but the
    last (from the task's start or 1 January to 31 December, due `partial_days` after the year's
    end: 31 January by default), then the final one (from the day after the last partial period
    to the task's end, due when the contract says: 30 days after the end, art. 18(4) of the Act)."""
    periods, year_start = [], start
    for year in range(start.year, end.year):
        year_end = date(year, 12, 31)
        periods.append(Period("partial", year_start, year_end, year_end + timedelta(days=partial_days)))
        year_start = date(year + 1, 1, 1)
    periods.append(Period("final", year_start, end, final_due))
    return periods


def received_in(payments: list[dict], start: date, end: date, *, first: bool) -> Decimal:
    """The tranches of the payment schedule due in a period (the first period takes those due
    before it too)."""
    return sum((Decimal(p["amount"]) for p in payments
                if date.fromisoformat(p["due"]) <= end and (first or date.fromisoformat(p["due"]) >= start)), ZERO)


# --- the sources of the costs incurred (part II, point 2 of the report model) -----------------------

SOURCES = ("grant", "own_financial", "own_personal", "own_in_kind", "recipient_fees")


@dataclass(frozen=True)
class Sources:
    grant: Decimal = ZERO
    own_financial: Decimal = ZERO
    own_personal: Decimal = ZERO
    own_in_kind: Decimal = ZERO
    recipient_fees: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.grant + self.own_financial + self.own_personal + self.own_in_kind + self.recipient_fees

    @property
    def own(self) -> Decimal:
        """The own contribution: financial and non-financial (personal and in kind)."""
        return self.own_financial + self.own_personal + self.own_in_kind


def planned_sources(*, total: Decimal, grant: Decimal, personal: Decimal, in_kind: Decimal,
                    recipient_fees: Decimal) -> Sources:
    """The sources as the contract plans them: the total and the grant as amended (annexes change
    cost items), the non-financial contributions and the recipients' payments as the offer signed
    had them; the own financial contribution is the rest."""
    financial = max(ZERO, total - grant - personal - in_kind - recipient_fees)
    return Sources(grant, financial, personal, in_kind, recipient_fees)


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    return part / whole if whole else None


def source_rows(planned: Sources, actual: Sources) -> list[dict]:
    """Part II, point 2: each source with its amount and share of all costs, planned and spent."""
    rows = [
        ("1", gettext_lazy("Total cost of the task"), "total", True),
        ("2", gettext_lazy("Grant"), "grant", True),
        ("3", gettext_lazy("Own contribution"), "own", True),
        ("3.1", gettext_lazy("Own financial contribution"), "own_financial", False),
        ("3.2", gettext_lazy("Personal contribution"), "own_personal", False),
        ("3.3", gettext_lazy("In-kind contribution"), "own_in_kind", False),
        ("4", gettext_lazy("Payments from the recipients of the task"), "recipient_fees", True),
    ]
    return [{"number": number, "label": label, "key": key, "main": main,
             "planned": getattr(planned, key), "planned_share": share(getattr(planned, key), planned.total),
             "actual": getattr(actual, key), "actual_share": share(getattr(actual, key), actual.total)}
            for number, label, key, main in rows]


def sources_problem(actual: Sources, actual_total: Decimal) -> str | None:
    """The sources must add up to the costs incurred (the grant spent is the grant column of the
    cost rows; the rest comes from the other sources)."""
    if any(getattr(actual, key) < 0 for key in SOURCES):
        return _("The amounts by source cannot be negative.")
    if actual.total != actual_total:
        return _("The costs by source add up to %(sources)s, but the costs incurred are %(total)s: the grant "
                 "spent and the other sources must together make the costs incurred.") % {
            "sources": format_money(actual.total), "total": format_money(actual_total)}
    return None


# --- the checks against the contract as amended --------------------------------------------------------


def cost_groups(rows: list[dict]) -> list[dict]:
    """Part II, point 1: the costs of the actions, action by action, then the administrative
    costs, each with its sums planned and incurred; rows: {action, name, kind, planned, actual}."""
    actions: dict[str, list[dict]] = {}
    admin = []
    for row in rows:
        (admin if row["kind"] == "administrative" else actions.setdefault(row["action"], [])).append(row)

    def sums(items):
        return (sum((r["planned"] for r in items), ZERO), sum((r["actual"] or ZERO for r in items), ZERO))

    groups = [{"number": f"I.{n}", "label": code, "rows": items, "planned": sums(items)[0], "actual": sums(items)[1]}
              for n, (code, items) in enumerate(actions.items(), start=1)]
    action_items = [r for items in actions.values() for r in items]
    return [{"key": "actions", "groups": groups, "planned": sums(action_items)[0], "actual": sums(action_items)[1]},
            {"key": "administrative", "groups": [{"number": "II.1", "label": "", "rows": admin,
                                                  "planned": sums(admin)[0], "actual": sums(admin)[1]}],
             "planned": sums(admin)[0], "actual": sums(admin)[1]}]


def overrun_findings(lines: list[CostActual], tolerance: Decimal) -> list[str]:
    """Each cost item whose grant spent passes its planned grant by more than the call's limit of
    shifts between items (the framework contract: a larger shift needs an annex)."""
    out = []
    for line in lines:
        excess = item_overrun(line, tolerance)
        if excess > 0:
            out.append(_("Cost “%(name)s”: the grant spent, %(spent)s, passes the grant planned, %(planned)s, by "
                         "more than the %(limit)s the call allows without an annex; %(excess)s is to be returned.")
                       % {"name": line.name, "spent": format_money(line.actual_grant),
                          "planned": format_money(line.planned_grant), "limit": format_percent(tolerance),
                          "excess": format_money(excess)})
    return out


def share_findings(planned: Sources, actual: Sources, *, max_share: Decimal) -> list[str]:
    """The grant's share of the costs incurred above the call's maximum, and an own contribution
    whose share of the costs fell below the share the contract planned."""
    out = []
    grant_share = share(actual.grant, actual.total)
    if grant_share is not None and grant_share > max_share:
        out.append(_("The grant makes %(share)s of the costs incurred; the call allows at most %(limit)s.")
                   % {"share": percent_beside(grant_share, max_share), "limit": format_percent(max_share)})
    planned_own, actual_own = share(planned.own, planned.total), share(actual.own, actual.total)
    if planned_own and actual_own is not None and actual_own < planned_own:
        out.append(_("The own contribution makes %(share)s of the costs incurred; the contract planned "
                     "%(planned)s.") % {"share": percent_beside(actual_own, planned_own),
                                         "planned": format_percent(planned_own)})
    return out


def result_findings(rows: list[tuple[str, Decimal, Decimal | None]], limit: Decimal) -> list[str]:
    """Each result achieved below its planned value by more than the call allows (name, planned,
    achieved)."""
    out = []
    for name, planned, achieved in rows:
        if achieved is not None and achieved < planned and deviation_flagged(planned, achieved, limit):
            out.append(_("Result “%(name)s”: %(pct)s of the planned value; the call allows a shortfall of at most "
                         "%(limit)s.") % {"name": name, "pct": _achieved_share(planned, achieved, limit),
                                          "limit": format_percent(limit)})
    return out


# Part III of the report model: what the persons who sign state.
STATEMENTS = (
    gettext_lazy("since the contract was made, the legal status of the grantee(s) has not changed;"),
    gettext_lazy("all information given in this report is true and consistent with the legal and factual state;"),
    gettext_lazy("as far as the open call is concerned, including collecting, processing and passing on personal "
                 "data and entering them into information systems, the persons whom these data concern have made "
                 "the statements the law on personal data protection requires."),
)
