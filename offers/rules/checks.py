"""Single rules of an offer, each a pure function that returns its message or None.

Every limit comes from the call (`CallLimits`), never from code. Boundary values pass: a grant
of exactly 90,00% or administrative costs of exactly 15,00% are allowed.
"""
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.money import excess, format_money, format_percent, percent_beside
from offers.rules.costs import CostLine, item_total, share
from offers.rules.data import IndicatorDeclaration
from offers.rules.wording import _day, _number, _source_label


def min_actions_violation(chosen: int, minimum: int) -> str | None:
    """An offer covers at least the call's minimum number of actions (reference call: two)."""
    if chosen < minimum:
        return ngettext("The offer covers %(n)s action; the call requires at least %(min)s.",
                        "The offer covers %(n)s actions; the call requires at least %(min)s.", chosen) % {
            "n": chosen, "min": minimum}
    return None


def action_budget_violation(code: str, requested: Decimal, budget: Decimal) -> str | None:
    """Per action, the requested grant is at most that action's budget; money never moves between actions."""
    if requested > budget:
        return _("The grant requested for action %(code)s, %(req)s, exceeds the action's budget of %(budget)s.") % {
            "code": code,
            "req": format_money(requested),
            "budget": format_money(budget),
        }
    return None


def grant_share_violation(grant: Decimal, total_cost: Decimal, *, max_share: Decimal) -> str | None:
    """The grant may not exceed max_share of the task's total cost. The message says by how
    much, in złoty, and shows the share with enough digits to differ from the limit."""
    if grant > 0 and grant > total_cost * max_share:
        return _("The grant of %(grant)s is %(pct)s of the total cost of %(total)s; the limit is %(limit)s, "
                 "and the grant exceeds it by %(over)s.") % {
            "grant": format_money(grant),
            "pct": percent_beside(share(grant, total_cost), max_share),
            "total": format_money(total_cost),
            "limit": format_percent(max_share),
            "over": format_money(excess(grant, total_cost * max_share)),
        }
    return None


def admin_share_violation(admin: Decimal, base: Decimal, *, max_share: Decimal, code: str = "") -> str | None:
    """Administrative costs may not exceed max_share of the actions' value, nor of each action's."""
    if admin > 0 and admin > base * max_share:
        values = {
            "admin": format_money(admin),
            "pct": percent_beside(share(admin, base), max_share),
            "base": format_money(base),
            "limit": format_percent(max_share),
            "over": format_money(excess(admin, base * max_share)),
            "code": code,
        }
        if code:
            return _("Administrative costs of action %(code)s, %(admin)s, are %(pct)s of the action's value of %(base)s; "
                     "the limit is %(limit)s, exceeded by %(over)s.") % values
        return _("Administrative costs of %(admin)s are %(pct)s of the value of the actions, %(base)s; "
                 "the limit is %(limit)s, exceeded by %(over)s.") % values
    return None


def fixed_grant_violation(code: str, grant: Decimal, fixed: Decimal) -> str | None:
    """In a negotiation the grant of each action is the one the authority awarded, to the grosz:
    the updated offer changes its scope, results and own contribution, not the grant."""
    if grant == fixed:
        return None
    return _("Action %(code)s: the cost plan asks for a grant of %(grant)s; after the authority's decision it must be "
             "exactly %(fixed)s. Lower the grant in the cost items (scope, quantities or own contribution) "
             "until it matches.") % {"code": code, "grant": format_money(grant), "fixed": format_money(fixed)}


def indicator_count(source: str, *, zones: int, lpr_projects: int, offerors: int) -> Decimal | None:
    """The value of a computed indicator: the count the call names, read from the offer's data."""
    counts = {"zones": zones, "lpr_projects": lpr_projects, "offerors": offerors}
    return Decimal(counts[source]) if source in counts else None


def indicator_violation(decl: IndicatorDeclaration) -> str | None:
    """Declared (or, for a computed indicator, counted) values are at least the call's minimum for every
    chosen action."""
    if decl.source and decl.value is not None and decl.value < decl.minimum:
        return _("Action %(code)s: “%(name)s” is computed from the offer as %(value)s (%(count)s); the call requires "
                 "at least %(min)s. Change the offer's data it is counted from.") % {
            "code": decl.action_code, "name": decl.name, "value": _number(decl.value),
            "count": _source_label(decl.source), "min": _number(decl.minimum)}
    if decl.value is None:
        return _("Action %(code)s: declare the value of “%(name)s” (at least %(min)s).") % {
            "code": decl.action_code, "name": decl.name, "min": _number(decl.minimum)}
    if decl.value < decl.minimum:
        return _("Action %(code)s: “%(name)s” is declared as %(value)s; the call requires at least %(min)s.") % {
            "code": decl.action_code, "name": decl.name, "value": _number(decl.value), "min": _number(decl.minimum)}
    return None


def dates_violation(start: date | None, end: date | None, *, period_start: date, period_end: date) -> str | None:
    """Realisation dates lie within the call's realisation period."""
    if start is None or end is None:
        return _("Give the start and end dates of the task.")
    if start > end:
        return _("The task ends (%(end)s) before it starts (%(start)s).") % {"start": _day(start), "end": _day(end)}
    if start < period_start or end > period_end:
        return _("The task must be carried out between %(ps)s and %(pe)s; the offer gives %(start)s – %(end)s.") % {
            "ps": _day(period_start), "pe": _day(period_end), "start": _day(start), "end": _day(end)}
    return None


# --- one cost line ---------------------------------------------------------------------------


def cost_line_problems(line: CostLine) -> list[str]:
    """One cost line: positive units, sources adding up to its value, valued contributions."""
    label = line.name or _("(no name)")
    problems = _line_amount_problems(line, label)
    if line.sources != line.total:
        problems.append(
            _("Cost “%(name)s”: the sources of financing add up to %(sources)s, but the cost is %(total)s.")
            % {"name": label, "sources": format_money(line.sources), "total": format_money(line.total)}
        )
    if line.own_personal > 0 or line.personal_hours or line.personal_rate:
        problems.extend(_personal_contribution_problems(line, label))
    if line.own_in_kind > 0 and not line.in_kind_valuation.strip():
        problems.append(_("Cost “%(name)s”: say how the in-kind contribution is valued.") % {"name": label})
    return problems


def _line_amount_problems(line: CostLine, label: str) -> list[str]:
    """The unit is named, the quantity positive, the unit cost and every source not negative."""
    problems = []
    if not line.unit.strip():
        problems.append(_("Cost “%(name)s”: give the unit (e.g. hour, piece, month).") % {"name": label})
    if line.quantity <= 0:
        problems.append(_("Cost “%(name)s”: the number of units must be greater than zero.") % {"name": label})
    if line.unit_cost < 0:
        problems.append(_("Cost “%(name)s”: the unit cost may not be negative.") % {"name": label})
    sources = (line.grant, line.own_financial, line.own_personal, line.own_in_kind, line.recipient_fees)
    if any(amount < 0 for amount in sources):
        problems.append(_("Cost “%(name)s”: a source of financing may not be negative.") % {"name": label})
    return problems


def _personal_contribution_problems(line: CostLine, label: str) -> list[str]:
    """A personal contribution is hours × the value of an hour, to the grosz."""
    if not line.personal_hours or not line.personal_rate:
        return [_("Cost “%(name)s”: a personal contribution needs the hours of work and the value of an hour.")
                % {"name": label}]
    value = item_total(line.personal_hours, line.personal_rate)
    if value != line.own_personal:
        return [_("Cost “%(name)s”: %(hours)s h × %(rate)s = %(value)s, not the personal contribution of %(given)s.")
                % {"name": label, "hours": _number(line.personal_hours), "rate": format_money(line.personal_rate),
                   "value": format_money(value), "given": format_money(line.own_personal)}]
    return []
