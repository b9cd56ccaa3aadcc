"""Rules after the award: the contract's payment schedule and the changes a grantee may make
during the task (the framework contract of the regulation of 24 October 2018, and the call).

- Money may be shifted between the cost items of one action. An item changed by at most the
  call's `cost_shift_limit` of its value (20% in the reference call) is recorded at once; a
  larger change, a new item, or an item dropped needs the authority's consent and an annex.
- The grant of each action is the authority's decision: moving grant money between actions is
  refused, as is any change that breaks a rule of the call on the changed budget (the grant
  share of the total cost, administrative costs of the whole and of each action).
- A declared result changed by more than the call's `result_change_limit` (10%) needs consent
  and an annex; a smaller change is recorded.

Pure functions on plain data; `contracts.services` applies them.
"""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from core.money import format_money, format_percent, percent_beside
from offers import rules as offer_rules

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class BudgetLine:
    """A cost item of the contract's budget: `key` is the item's id, or "" for a new item."""

    key: str
    action_code: str
    name: str
    kind: str  # "substantive" or "administrative"
    total: Decimal
    grant: Decimal


@dataclass(frozen=True)
class ResultLine:
    key: str
    name: str
    value: Decimal


@dataclass(frozen=True)
class Finding:
    """One change and what it needs: recorded at once, or the authority's consent with an annex."""

    message: str
    needs_consent: bool


@dataclass(frozen=True)
class ChangeAssessment:
    refusals: list[str]
    findings: list[Finding]

    @property
    def allowed(self) -> bool:
        return not self.refusals

    @property
    def needs_consent(self) -> bool:
        return any(f.needs_consent for f in self.findings)

    @property
    def changes_anything(self) -> bool:
        return bool(self.findings)


def exceeds(before: Decimal, after: Decimal, limit: Decimal) -> bool:
    """Whether `after` differs from `before` by more than `limit` of `before` (exact, in Decimal:
    with a limit of 20%, 1 000,00 → 1 200,00 is within it, 1 000,00 → 1 200,10 is not)."""
    if before == 0:
        return after != 0
    return abs(after - before) > abs(before) * limit


def relative_change(before: Decimal, after: Decimal) -> Decimal | None:
    """(after − before) / before, or None when there was nothing before."""
    return (after - before) / before if before else None


def _pct(before: Decimal, after: Decimal, limit: Decimal) -> str:
    """The change in per cent, with enough digits to differ from the limit it is judged by."""
    change = relative_change(before, after)
    return percent_beside(abs(change), limit) if change is not None else "—"


def _per_action_grant(lines: list[BudgetLine]) -> dict[str, Decimal]:
    grants: dict[str, Decimal] = {}
    for line in lines:
        grants[line.action_code] = grants.get(line.action_code, ZERO) + line.grant
    return grants


def budget_assessment(before: list[BudgetLine], after: list[BudgetLine], *, cost_limit: Decimal,
                      max_grant_share: Decimal, max_admin_share: Decimal,
                      admin_cost_base: str = "total") -> ChangeAssessment:
    """What a changed budget means: refusals (rules broken) and findings (each change, and
    whether it needs consent). `after` holds every item: changed, unchanged, new (key "")."""
    refusals = [
        *_line_refusals(after),
        *_action_grant_refusals(before, after),
        *_share_refusals(after, max_grant_share=max_grant_share, max_admin_share=max_admin_share,
                         admin_cost_base=admin_cost_base),
    ]
    return ChangeAssessment(refusals, _budget_findings(before, after, cost_limit))


def _line_refusals(after: list[BudgetLine]) -> list[str]:
    refusals = []
    for line in after:
        if line.total < 0 or line.grant < 0:
            refusals.append(_("Cost “%(name)s”: amounts cannot be negative.") % {"name": line.name})
        elif line.grant > line.total:
            refusals.append(_("Cost “%(name)s”: the grant, %(grant)s, exceeds the item's value, %(total)s.")
                            % {"name": line.name, "grant": format_money(line.grant), "total": format_money(line.total)})
    return refusals


def _action_grant_refusals(before: list[BudgetLine], after: list[BudgetLine]) -> list[str]:
    refusals = []
    planned, changed = _per_action_grant(before), _per_action_grant(after)
    for code in sorted(set(planned) | set(changed)):
        if planned.get(code, ZERO) != changed.get(code, ZERO):
            refusals.append(_("Action %(code)s: the grant would change from %(before)s to %(after)s. The grant of each "
                              "action is fixed by the authority's decision; money cannot be moved between actions.")
                            % {"code": code, "before": format_money(planned.get(code, ZERO)),
                               "after": format_money(changed.get(code, ZERO))})
    return refusals


def _share_refusals(after: list[BudgetLine], *, max_grant_share: Decimal, max_admin_share: Decimal,
                    admin_cost_base: str) -> list[str]:
    """The call's shares, as in the offer: the administrative costs against the call's base (the total
    cost, or the value of the actions without them: `admin_cost_base`), per action and in all."""
    lines = [offer_rules.CostLine(action_code=b.action_code, name=b.name, kind=b.kind, unit_cost=b.total,
                                  grant=b.grant) for b in after]
    per_action, whole = offer_rules.totals(lines)

    def base(totals) -> Decimal:
        return totals.total - totals.admin if admin_cost_base == "actions" else totals.total

    messages = [offer_rules.admin_share_violation(totals.admin, base(totals), max_share=max_admin_share, code=code)
                for code, totals in sorted(per_action.items())]
    messages += [offer_rules.admin_share_violation(whole.admin, base(whole), max_share=max_admin_share),
                 offer_rules.grant_share_violation(whole.grant, whole.total, max_share=max_grant_share)]
    return [message for message in messages if message]


def _budget_findings(before: list[BudgetLine], after: list[BudgetLine], cost_limit: Decimal) -> list[Finding]:
    findings: list[Finding] = []
    old = {line.key: line for line in before}
    for line in after:
        if not line.key:
            findings.append(Finding(_("New cost item “%(name)s” in action %(code)s, %(total)s (grant %(grant)s): a new "
                                      "item needs the authority's consent.")
                                    % {"name": line.name, "code": line.action_code, "total": format_money(line.total),
                                       "grant": format_money(line.grant)}, True))
            continue
        was = old.get(line.key)
        if was is None or (was.total == line.total and was.grant == line.grant and was.name == line.name):
            continue
        findings.append(_change_finding(was, line, cost_limit))
    return findings


def _change_finding(was: BudgetLine, line: BudgetLine, cost_limit: Decimal) -> Finding:
    big = exceeds(was.total, line.total, cost_limit) or exceeds(was.grant, line.grant, cost_limit)
    values = {"name": was.name, "code": was.action_code, "before": format_money(was.total),
              "after": format_money(line.total), "pct": _pct(was.total, line.total, cost_limit),
              "gbefore": format_money(was.grant), "gafter": format_money(line.grant),
              "gpct": _pct(was.grant, line.grant, cost_limit), "limit": format_percent(cost_limit)}
    if big:
        text = _("Cost “%(name)s” (action %(code)s): %(before)s → %(after)s (%(pct)s), grant %(gbefore)s → "
                 "%(gafter)s (%(gpct)s) — more than %(limit)s of the item: needs the authority's consent and an annex.")
    else:
        text = _("Cost “%(name)s” (action %(code)s): %(before)s → %(after)s (%(pct)s), grant %(gbefore)s → "
                 "%(gafter)s (%(gpct)s) — within %(limit)s of the item: recorded without consent.")
    return Finding(text % values, big)


def result_assessment(before: list[ResultLine], after: dict[str, Decimal], *, limit: Decimal) -> ChangeAssessment:
    """Changes of declared results: more than `limit` of the declared value needs consent."""
    refusals, findings = [], []
    for line in before:
        value = after.get(line.key, line.value)
        if value < 0:
            refusals.append(_("Result “%(name)s”: the value cannot be negative.") % {"name": line.name})
            continue
        if value == line.value:
            continue
        values = {"name": line.name, "before": offer_rules._number(line.value), "after": offer_rules._number(value),
                  "pct": _pct(line.value, value, limit), "limit": format_percent(limit)}
        if exceeds(line.value, value, limit):
            findings.append(Finding(_("Result “%(name)s”: %(before)s → %(after)s (%(pct)s) — more than %(limit)s: "
                                      "needs the authority's consent and an annex.") % values, True))
        else:
            findings.append(Finding(_("Result “%(name)s”: %(before)s → %(after)s (%(pct)s) — within %(limit)s: "
                                      "recorded without consent.") % values, False))
    return ChangeAssessment(refusals, findings)


def combine(*parts: ChangeAssessment) -> ChangeAssessment:
    return ChangeAssessment([r for p in parts for r in p.refusals], [f for p in parts for f in p.findings])


# --- the contract ----------------------------------------------------------------------------------


def funding_problem(*, decided: bool, state: str, state_label: str, awarded: Decimal) -> str | None:
    """Why an offer cannot have a contract yet (None: it can): the authority decided, the offer is
    admitted (a negotiation answered) and the decision gives it a grant."""
    if not decided:
        return _("The authority has not decided on this call yet.")
    if state == "negotiation":
        return _("The offeror has not yet answered the lower grant (negotiation).")
    if state != "admitted":
        return _("The offer is not funded (state: %(state)s).") % {"state": state_label}
    if awarded <= 0:
        return _("The authority's decision gives this offer no grant.")
    return None


@dataclass(frozen=True)
class Tranche:
    due: date
    amount: Decimal


def payment_problems(tranches: list[Tranche], *, grant: Decimal, signed_on: date, task_end: date) -> list[str]:
    """The payment schedule pays the whole grant, in tranches due between signing and the task's end."""
    problems = []
    if not tranches:
        problems.append(_("Give at least one payment tranche."))
    for n, tranche in enumerate(tranches, start=1):
        if tranche.amount <= 0:
            problems.append(_("Tranche %(n)s: the amount must be greater than zero.") % {"n": n})
        if tranche.due < signed_on or tranche.due > task_end:
            problems.append(_("Tranche %(n)s: the payment date must lie between the signing of the contract "
                              "(%(signed)s) and the end of the task (%(end)s).")
                            % {"n": n, "signed": signed_on.strftime("%d.%m.%Y"), "end": task_end.strftime("%d.%m.%Y")})
    paid = sum((t.amount for t in tranches), ZERO)
    if tranches and paid != grant:
        problems.append(_("The tranches add up to %(paid)s; they must pay exactly the grant of %(grant)s.")
                        % {"paid": format_money(paid), "grant": format_money(grant)})
    return problems


def grant_spending_start(*, signed_on: date, task_start: date) -> date:
    """The first day grant-funded costs may be incurred when the clerk does not say: the later of the
    signing and the task's start."""
    return max(signed_on, task_start)


def spending_start_problem(spending_from: date, *, signed_on: date, task_start: date, task_end: date) -> str | None:
    """Costs paid from the grant may not be incurred before the day the contract is signed (the call's
    announcement and art. 16 of the Act: the grant is given by the contract), nor outside the task."""
    day = "%d.%m.%Y"
    if spending_from < signed_on:
        return _("Costs paid from the grant may not be incurred before the contract is signed: the contract is "
                 "signed on %(signed)s, so grant-funded spending can start on %(signed)s at the earliest, not on "
                 "%(start)s. The task may start earlier with the offeror's own funds.") % {
            "signed": signed_on.strftime(day), "start": spending_from.strftime(day)}
    if spending_from < task_start or spending_from > task_end:
        return _("Grant-funded spending must start within the task (%(ts)s – %(te)s); %(start)s was given.") % {
            "ts": task_start.strftime(day), "te": task_end.strftime(day), "start": spending_from.strftime(day)}
    return None


def spending_end_problem(spending_until: date, *, spending_from: date, task_end: date) -> str | None:
    """The grant's spending period ends within the task (framework contract, § 2: the period for
    spending the grant lies within the task's) and not before it starts."""
    day = "%d.%m.%Y"
    if spending_until < spending_from or spending_until > task_end:
        return _("Grant-funded spending must end between its start (%(start)s) and the end of the task (%(end)s); "
                 "%(until)s was given.") % {"start": spending_from.strftime(day), "end": task_end.strftime(day),
                                            "until": spending_until.strftime(day)}
    return None


@dataclass(frozen=True)
class ReportPeriod:
    start: date
    end: date
    due: date


def partial_report_periods(start: date, end: date) -> list[ReportPeriod]:
    """A task running over more than one budget year reports on each year but the last in a partial
    report, due on 31 January of the next year (art. 18 ust. 4 of the Act and the framework
    contract of the 2018 regulation, § 10); the last year is covered by the final report."""
    return [ReportPeriod(max(start, date(year, 1, 1)), date(year, 12, 31), date(year + 1, 1, 31))
            for year in range(start.year, end.year)]


def contract_number(prefix: str, year: int, sequence: int) -> str:
    """The next contract number proposed to the clerk, e.g. "OKO/1/2019"."""
    return f"{prefix}/{sequence}/{year}"


def annex_number(contract_number_: str, sequence: int) -> str:
    """The annex's name as the document states it (a legal text: always Polish)."""
    return f"Aneks nr {sequence} do umowy nr {contract_number_}"
