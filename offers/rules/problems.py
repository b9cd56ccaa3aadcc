"""Everything that blocks an offer's submission, in the order of the form's sections.

`offer_problems` runs one small step per part of the form; each step returns its problems in
the order the form shows them, so the checklist reads top to bottom.
"""
from django.utils.translation import gettext as _

from offers.rules.checks import (
    action_budget_violation,
    admin_share_violation,
    cost_line_problems,
    dates_violation,
    fixed_grant_violation,
    grant_share_violation,
    indicator_violation,
    min_actions_violation,
)
from offers.rules.costs import ZERO, ActionTotals, totals
from offers.rules.data import CallLimits, OfferData, ScheduleLine
from offers.rules.sections import REQUIRED_TEXTS, STATEMENT_VARIANTS, STATEMENTS, Problem
from offers.rules.wording import _day, _field_label, _legal_form_label
from offers.rules_invitations import partner_problem


def _found(section: str, *messages: str | None, field_name: str = "") -> list[Problem]:
    """The problems of one section from messages that may be None (the rule passed)."""
    return [Problem(section, message, field_name) for message in messages if message]


def offer_problems(offer: OfferData, limits: CallLimits) -> list[Problem]:
    """Everything that blocks submission, in the order of the form's sections."""
    return [
        *_text_problems(offer),
        *_found("basics", dates_violation(offer.start_date, offer.end_date, period_start=limits.realisation_start,
                                          period_end=limits.realisation_end), field_name="start_date"),
        *_offeror_problems(offer, limits),
        *_found("actions", min_actions_violation(len(offer.action_codes), limits.min_actions)),
        *_found("indicators", *(indicator_violation(decl) for decl in offer.indicators
                                if decl.action_code in offer.action_codes)),
        *_schedule_problems(offer),
        *_cost_problems(offer, limits),
        *_attachment_problems(offer, limits),
        *_statement_problems(offer, limits),
    ]


def _text_problems(offer: OfferData) -> list[Problem]:
    problems = []
    for name, section in REQUIRED_TEXTS.items():
        value = offer.title if name == "title" else offer.texts.get(name, "")
        if not (value or "").strip():
            problems.append(Problem(section, _("Fill in: %(field)s.") % {"field": _field_label(name)}, name))
    return problems


def _offeror_problems(offer: OfferData, limits: CallLimits) -> list[Problem]:
    messages = []
    if len(set(offer.offeror_ids)) != len(offer.offeror_ids):
        messages.append(_("An organisation appears more than once among the offerors."))
    messages.extend(partner_problem(name=name, status=status) for name, status in offer.pending_partners)
    if limits.eligible_forms:
        messages.extend(
            _("%(org)s is not among the entities eligible in this call (legal form: %(form)s).")
            % {"org": name, "form": _legal_form_label(form)}
            for _id, name, form in offer.offerors if form not in limits.eligible_forms
        )
    return _found("offerors", *messages)


def _schedule_problems(offer: OfferData) -> list[Problem]:
    messages = []
    if not offer.schedule:
        messages.append(_("The plan and schedule needs at least one activity."))
    for row in offer.schedule:
        messages.append(_schedule_dates_problem(row, offer))
        if row.responsible_id and row.responsible_id not in offer.offeror_ids:
            messages.append(_("Activity “%(name)s” names a responsible organisation that is not an offeror.")
                            % {"name": row.activity})
    return _found("schedule", *messages)


def _schedule_dates_problem(row: ScheduleLine, offer: OfferData) -> str | None:
    """An activity has both dates, and they lie within the task's dates."""
    if not (row.start and row.end):
        return _("Activity “%(name)s”: give its dates.") % {"name": row.activity}
    if not (offer.start_date and offer.end_date):
        return None
    if row.start > row.end or row.start < offer.start_date or row.end > offer.end_date:
        return (_("Activity “%(name)s” (%(start)s – %(end)s) must lie within the task's dates %(ts)s – %(te)s.")
                % {"name": row.activity, "start": _day(row.start), "end": _day(row.end),
                   "ts": _day(offer.start_date), "te": _day(offer.end_date)})
    return None


def _attachment_problems(offer: OfferData, limits: CallLimits) -> list[Problem]:
    attached = {d.strip().casefold() for d in offer.attachment_descriptions}
    return _found("attachments", *(
        _("Attach: %(name)s (the call requires it; use this name as the description).") % {"name": name}
        for name in limits.required_attachments if name.strip().casefold() not in attached
    ))


def _statement_problems(offer: OfferData, limits: CallLimits) -> list[Problem]:
    """The statements the call requires (every one when the limits name none)."""
    required = STATEMENTS if limits.required_statements is None else \
        tuple(name for name in STATEMENTS if name.removeprefix("st_") in limits.required_statements)
    return [_statement_problem(name) for name in required if not offer.statements.get(name)]


def _statement_problem(name: str) -> Problem:
    variant = STATEMENT_VARIANTS.get(name)
    if variant:
        return Problem("statements", _("Answer the statement on %(s)s: choose whether the offeror(s) are in arrears "
                                       "or not (either answer is accepted).") % {"s": _field_label(variant)}, variant)
    return Problem("statements", _("Confirm the statement: %(s)s.") % {"s": _field_label(name)}, name)


# --- costs -----------------------------------------------------------------------------------


def _cost_problems(offer: OfferData, limits: CallLimits) -> list[Problem]:
    per_action, whole = totals(offer.costs, offer.action_codes)
    return _found("costs", *_line_messages(offer), *_action_cost_messages(offer, limits, per_action),
                  *_fixed_grant_messages(offer, per_action), *_whole_cost_messages(offer, limits, whole))


def _line_messages(offer: OfferData) -> list[str]:
    """Per cost line: its own rules, then who bears it, then the action it belongs to."""
    messages = []
    for line in offer.costs:
        messages.extend(cost_line_problems(line))
        if line.offeror_id and line.offeror_id not in offer.offeror_ids:
            messages.append(_("Cost “%(name)s” is borne by an organisation that is not an offeror.") % {"name": line.name})
        if line.action_code not in offer.action_codes:
            messages.append(_("Cost “%(name)s” belongs to an action the offer does not cover.") % {"name": line.name})
    return messages


def _action_cost_messages(offer: OfferData, limits: CallLimits, per_action: dict[str, ActionTotals]) -> list:
    """Per chosen action: it has costs, its grant fits its budget, its administrative share."""
    messages = []
    for code in offer.action_codes:
        t = per_action[code]
        if t.total == 0:
            messages.append(_("Action %(code)s has no costs.") % {"code": code})
            continue
        budget = limits.action_budgets.get(code)
        if budget is not None:
            messages.append(action_budget_violation(code, t.grant, budget))
        messages.append(admin_share_violation(t.admin, limits.admin_base(t.total, t.admin),
                                              max_share=limits.max_admin_share, code=code))
    return messages


def _fixed_grant_messages(offer: OfferData, per_action: dict[str, ActionTotals]) -> list:
    return [fixed_grant_violation(code, per_action[code].grant if code in per_action else ZERO, fixed)
            for code, fixed in sorted((offer.fixed_grants or {}).items())]


def _whole_cost_messages(offer: OfferData, limits: CallLimits, whole: ActionTotals) -> list:
    messages = [
        admin_share_violation(whole.admin, limits.admin_base(whole.total, whole.admin), max_share=limits.max_admin_share),
        grant_share_violation(whole.grant, whole.total, max_share=limits.max_grant_share),
    ]
    if offer.action_codes and whole.total > 0 and whole.grant == 0:
        messages.append(_("The offer requests no grant."))
    return messages
