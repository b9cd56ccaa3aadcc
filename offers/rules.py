"""Rules an offer must satisfy, as pure functions on plain data (no ORM).

Every limit comes from the call (`CallLimits`), never from code. Each problem names the
rule, the numbers and the place in the form (`section`, `field`) so the offer page can
link to it. Boundary values pass: a grant of exactly 90,00% or administrative costs of
exactly 15,00% are allowed.
"""
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.money import CENT, excess, format_money, format_percent, percent_beside
from offers.rules_invitations import partner_problem

ZERO = Decimal("0.00")

# Sections of the offer form, in order; the checklist links to them.
SECTIONS = (
    "basics",
    "offerors",
    "description",
    "actions",
    "indicators",
    "schedule",
    "zones",
    "resources",
    "costs",
    "other",
    "statements",
)

SECTION_LABELS = {
    "basics": gettext_lazy("Basic information"),
    "offerors": gettext_lazy("Offerors"),
    "description": gettext_lazy("Description of the task"),
    "actions": gettext_lazy("Actions"),
    "indicators": gettext_lazy("Results and indicators"),
    "schedule": gettext_lazy("Plan and schedule"),
    "zones": gettext_lazy("Zones and LPR projects"),
    "resources": gettext_lazy("Resources"),
    "costs": gettext_lazy("Costs"),
    "other": gettext_lazy("Other information"),
    "statements": gettext_lazy("Statements"),
}

STATEMENTS = (
    "st_statutory",
    "st_fees",
    "st_no_tax_arrears",
    "st_no_insurance_arrears",
    "st_register",
    "st_true",
    "st_personal_data",
    "st_new_task",
)

REQUIRED_TEXTS = {
    "title": "basics",
    "synthetic_description": "description",
    "target_groups": "description",
    "direct_effects": "description",
    "social_change": "description",
    "durability": "description",
    "experience": "resources",
    "resources": "resources",
}


@dataclass(frozen=True)
class Problem:
    section: str
    message: str
    field: str = ""


@dataclass
class CostLine:
    action_code: str
    name: str
    kind: str = "substantive"  # or "administrative"
    unit: str = "szt."
    quantity: Decimal = Decimal("1")
    unit_cost: Decimal = ZERO
    grant: Decimal = ZERO
    own_financial: Decimal = ZERO
    own_personal: Decimal = ZERO
    own_in_kind: Decimal = ZERO
    recipient_fees: Decimal = ZERO
    personal_hours: Decimal | None = None
    personal_rate: Decimal | None = None
    in_kind_valuation: str = ""
    offeror_id: int | None = None
    position: int = 0

    @property
    def total(self) -> Decimal:
        return item_total(self.quantity, self.unit_cost)

    @property
    def sources(self) -> Decimal:
        return self.grant + self.own_financial + self.own_personal + self.own_in_kind + self.recipient_fees


@dataclass
class IndicatorDeclaration:
    action_code: str
    name: str
    minimum: Decimal
    value: Decimal | None


@dataclass
class ScheduleLine:
    activity: str
    start: date | None
    end: date | None
    position: int = 0
    responsible_id: int | None = None


@dataclass
class CallLimits:
    min_actions: int
    max_grant_share: Decimal
    max_admin_share: Decimal
    action_budgets: dict[str, Decimal]
    realisation_start: date
    realisation_end: date
    eligible_forms: tuple[str, ...] = ()
    required_attachments: tuple[str, ...] = ()


@dataclass
class OfferData:
    title: str = ""
    start_date: date | None = None
    end_date: date | None = None
    texts: dict[str, str] = field(default_factory=dict)
    action_codes: list[str] = field(default_factory=list)
    indicators: list[IndicatorDeclaration] = field(default_factory=list)
    costs: list[CostLine] = field(default_factory=list)
    schedule: list[ScheduleLine] = field(default_factory=list)
    statements: dict[str, bool] = field(default_factory=dict)
    zone_count: int = 0
    offeror_ids: list[int] = field(default_factory=list)
    offerors: list[tuple[int, str, str]] = field(default_factory=list)  # (id, name, legal form)
    # Partners invited but not (yet) accepted: (name, status). They are not offerors.
    pending_partners: list[tuple[str, str]] = field(default_factory=list)
    attachment_descriptions: list[str] = field(default_factory=list)
    # In a negotiation of a lower grant: the grant per action the updated offer must ask for.
    fixed_grants: dict[str, Decimal] | None = None


# --- arithmetic ------------------------------------------------------------------------------


def item_total(quantity: Decimal, unit_cost: Decimal) -> Decimal:
    return (Decimal(quantity) * Decimal(unit_cost)).quantize(CENT, rounding=ROUND_HALF_UP)


def share(part: Decimal, whole: Decimal) -> Decimal:
    """part / whole as a fraction (0 when there is no whole)."""
    return part / whole if whole else Decimal(0)


@dataclass
class ActionTotals:
    code: str
    total: Decimal = ZERO
    admin: Decimal = ZERO
    grant: Decimal = ZERO
    own_financial: Decimal = ZERO
    own_personal: Decimal = ZERO
    own_in_kind: Decimal = ZERO
    recipient_fees: Decimal = ZERO

    def add(self, line: CostLine) -> None:
        self.total += line.total
        if line.kind == "administrative":
            self.admin += line.total
        self.grant += line.grant
        self.own_financial += line.own_financial
        self.own_personal += line.own_personal
        self.own_in_kind += line.own_in_kind
        self.recipient_fees += line.recipient_fees

    @property
    def own(self) -> Decimal:
        return self.own_financial + self.own_personal + self.own_in_kind


def totals(costs: list[CostLine], action_codes: list[str] | None = None) -> tuple[dict[str, ActionTotals], ActionTotals]:
    """Sums per action and for the whole task (section V.B of the form)."""
    per_action = {code: ActionTotals(code) for code in (action_codes or [])}
    whole = ActionTotals("")
    for line in costs:
        per_action.setdefault(line.action_code, ActionTotals(line.action_code)).add(line)
        whole.add(line)
    return per_action, whole


def split_by_offeror(costs: list[CostLine], lead_id: int) -> dict[int, Decimal]:
    """Section V.C: the total cost each offeror of a joint offer bears (the lead by default)."""
    split: dict[int, Decimal] = {}
    for line in costs:
        key = line.offeror_id or lead_id
        split[key] = split.get(key, ZERO) + line.total
    return split


# --- single rules ----------------------------------------------------------------------------


def min_actions_violation(chosen: int, minimum: int) -> str | None:
    """An offer covers at least the call's minimum number of actions (reference call: two)."""
    if chosen < minimum:
        return _("The offer covers %(n)s action(s); the call requires at least %(min)s.") % {"n": chosen, "min": minimum}
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
    """In a negotiation the grant of each action is the one the Mayor awarded, to the grosz:
    the updated offer changes its scope, results and own contribution, not the grant."""
    if grant == fixed:
        return None
    return _("Action %(code)s: the cost plan asks for a grant of %(grant)s; after the Mayor's decision it must be "
             "exactly %(fixed)s. Lower the grant in the cost items (scope, quantities or own contribution) "
             "until it matches.") % {"code": code, "grant": format_money(grant), "fixed": format_money(fixed)}


def indicator_violation(decl: IndicatorDeclaration) -> str | None:
    """Declared values are at least the call's minimum for every chosen action."""
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


def cost_line_problems(line: CostLine) -> list[str]:
    """One cost line: positive units, sources adding up to its value, valued contributions."""
    label = line.name or _("(no name)")
    problems = []
    if not line.unit.strip():
        problems.append(_("Cost “%(name)s”: give the unit (e.g. hour, piece, month).") % {"name": label})
    if line.quantity <= 0:
        problems.append(_("Cost “%(name)s”: the number of units must be greater than zero.") % {"name": label})
    if line.unit_cost < 0:
        problems.append(_("Cost “%(name)s”: the unit cost may not be negative.") % {"name": label})
    for amount in (line.grant, line.own_financial, line.own_personal, line.own_in_kind, line.recipient_fees):
        if amount < 0:
            problems.append(_("Cost “%(name)s”: a source of financing may not be negative.") % {"name": label})
            break
    if line.sources != line.total:
        problems.append(
            _("Cost “%(name)s”: the sources of financing add up to %(sources)s, but the cost is %(total)s.")
            % {"name": label, "sources": format_money(line.sources), "total": format_money(line.total)}
        )
    if line.own_personal > 0:
        if not line.personal_hours or not line.personal_rate:
            problems.append(
                _("Cost “%(name)s”: a personal contribution needs the hours of work and the value of an hour.") % {"name": label}
            )
        elif item_total(line.personal_hours, line.personal_rate) != line.own_personal:
            problems.append(
                _("Cost “%(name)s”: %(hours)s h × %(rate)s = %(value)s, not the personal contribution of %(given)s.")
                % {"name": label, "hours": _number(line.personal_hours), "rate": format_money(line.personal_rate),
                   "value": format_money(item_total(line.personal_hours, line.personal_rate)),
                   "given": format_money(line.own_personal)}
            )
    if line.own_in_kind > 0 and not line.in_kind_valuation.strip():
        problems.append(_("Cost “%(name)s”: say how the in-kind contribution is valued.") % {"name": label})
    return problems


# --- the whole offer -------------------------------------------------------------------------


def offer_problems(offer: OfferData, limits: CallLimits) -> list[Problem]:
    """Everything that blocks submission, in the order of the form's sections."""
    problems: list[Problem] = []

    def add(section, message, field_name=""):
        if message:
            problems.append(Problem(section, message, field_name))

    for name, section in REQUIRED_TEXTS.items():
        value = offer.title if name == "title" else offer.texts.get(name, "")
        if not (value or "").strip():
            add(section, _("Fill in: %(field)s.") % {"field": _field_label(name)}, name)
    add("basics", dates_violation(offer.start_date, offer.end_date,
                                  period_start=limits.realisation_start, period_end=limits.realisation_end), "start_date")
    if len(set(offer.offeror_ids)) != len(offer.offeror_ids):
        add("offerors", _("An organisation appears more than once among the offerors."))
    for name, status in offer.pending_partners:
        add("offerors", partner_problem(name=name, status=status))
    if limits.eligible_forms:
        for _id, name, form in offer.offerors:
            if form not in limits.eligible_forms:
                add("offerors", _("%(org)s is not among the entities eligible in this call (legal form: %(form)s).")
                    % {"org": name, "form": _legal_form_label(form)})
    add("actions", min_actions_violation(len(offer.action_codes), limits.min_actions))
    for decl in offer.indicators:
        if decl.action_code in offer.action_codes:
            add("indicators", indicator_violation(decl))
    if not offer.schedule:
        add("schedule", _("The plan and schedule needs at least one activity."))
    for row in offer.schedule:
        if row.start and row.end and offer.start_date and offer.end_date:
            if row.start > row.end or row.start < offer.start_date or row.end > offer.end_date:
                add("schedule", _("Activity “%(name)s” (%(start)s – %(end)s) must lie within the task's dates %(ts)s – %(te)s.")
                    % {"name": row.activity, "start": _day(row.start), "end": _day(row.end),
                       "ts": _day(offer.start_date), "te": _day(offer.end_date)})
        elif not (row.start and row.end):
            add("schedule", _("Activity “%(name)s”: give its dates.") % {"name": row.activity})
        if row.responsible_id and row.responsible_id not in offer.offeror_ids:
            add("schedule", _("Activity “%(name)s” names a responsible organisation that is not an offeror.")
                % {"name": row.activity})
    problems.extend(_cost_problems(offer, limits))
    attached = {d.strip().casefold() for d in offer.attachment_descriptions}
    for name in limits.required_attachments:
        if name.strip().casefold() not in attached:
            add("attachments", _("Attach: %(name)s (the call requires it; use this name as the description).")
                % {"name": name})
    for name in STATEMENTS:
        if not offer.statements.get(name):
            add("statements", _("Confirm the statement: %(s)s.") % {"s": _field_label(name)}, name)
    return problems


def _cost_problems(offer: OfferData, limits: CallLimits) -> list[Problem]:
    problems = []
    per_action, whole = totals(offer.costs, offer.action_codes)
    for line in offer.costs:
        for message in cost_line_problems(line):
            problems.append(Problem("costs", message))
        if line.offeror_id and line.offeror_id not in offer.offeror_ids:
            problems.append(Problem("costs", _("Cost “%(name)s” is borne by an organisation that is not an offeror.")
                                    % {"name": line.name}))
        if line.action_code not in offer.action_codes:
            problems.append(Problem("costs", _("Cost “%(name)s” belongs to an action the offer does not cover.")
                                    % {"name": line.name}))
    for code in offer.action_codes:
        t = per_action[code]
        if t.total == 0:
            problems.append(Problem("costs", _("Action %(code)s has no costs.") % {"code": code}))
            continue
        budget = limits.action_budgets.get(code)
        if budget is not None:
            message = action_budget_violation(code, t.grant, budget)
            if message:
                problems.append(Problem("costs", message))
        message = admin_share_violation(t.admin, t.total, max_share=limits.max_admin_share, code=code)
        if message:
            problems.append(Problem("costs", message))
    for code, fixed in sorted((offer.fixed_grants or {}).items()):
        grant = per_action[code].grant if code in per_action else ZERO
        message = fixed_grant_violation(code, grant, fixed)
        if message:
            problems.append(Problem("costs", message))
    message = admin_share_violation(whole.admin, whole.total, max_share=limits.max_admin_share)
    if message:
        problems.append(Problem("costs", message))
    message = grant_share_violation(whole.grant, whole.total, max_share=limits.max_grant_share)
    if message:
        problems.append(Problem("costs", message))
    if offer.action_codes and whole.total > 0 and whole.grant == 0:
        problems.append(Problem("costs", _("The offer requests no grant.")))
    return problems


# --- formatting helpers ------------------------------------------------------------------------


def _number(value: Decimal) -> str:
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value:.2f}".replace(".", ",")


def _day(value: date) -> str:
    return value.strftime("%d.%m.%Y")


def _legal_form_label(code: str) -> str:
    from competition.choices import LegalForm

    return str(dict(LegalForm.choices).get(code, code))


def _field_label(name: str) -> str:
    from offers.models import Offer

    return str(Offer._meta.get_field(name).verbose_name)
