"""Rules an offer must satisfy, as pure functions on plain data (no ORM).

A package of small modules: `sections` (the form's parts, `Problem`), `costs` (the cost plan's
arithmetic and the requested grant), `data` (an offer and its call's limits as plain data),
`checks` (single rules), `problems` (everything that blocks submission) and `wording`. Many
callers read `offers.rules.X`, so the names are re-exported here.
"""
from offers.rules.checks import (
    action_budget_violation,
    admin_share_violation,
    cost_line_problems,
    dates_violation,
    fixed_grant_violation,
    grant_share_violation,
    indicator_count,
    indicator_violation,
    min_actions_violation,
)
from offers.rules.costs import (
    ZERO,
    ActionTotals,
    CostLine,
    item_total,
    requested_per_action,
    share,
    split_by_offeror,
    totals,
)
from offers.rules.data import CallLimits, IndicatorDeclaration, OfferData, ScheduleLine
from offers.rules.problems import offer_problems
from offers.rules.sections import (
    REQUIRED_TEXTS,
    SECTION_LABELS,
    SECTIONS,
    STATEMENT_VARIANTS,
    STATEMENTS,
    Problem,
    section_label,
)
from offers.rules.wording import _day, _field_label, _legal_form_label, _number

__all__ = [
    "REQUIRED_TEXTS", "SECTIONS", "SECTION_LABELS", "STATEMENTS", "STATEMENT_VARIANTS", "ZERO",
    "ActionTotals", "CallLimits", "CostLine", "IndicatorDeclaration", "OfferData", "Problem", "ScheduleLine",
    "_day", "_field_label", "_legal_form_label", "_number",
    "action_budget_violation", "admin_share_violation", "cost_line_problems", "dates_violation",
    "fixed_grant_violation", "grant_share_violation", "indicator_count", "indicator_violation", "item_total",
    "min_actions_violation", "offer_problems", "requested_per_action", "section_label", "share", "split_by_offeror", "totals",
]
