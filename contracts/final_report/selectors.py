"""Reads of the grantee's reports: the periods a contract is reported on and the report of each
(partial or final), its versions and attachments (each found within the contract the user may
see), its rows, the sources of its costs, the settlement computed from what is saved, the
checks against the contract as amended, and what still blocks its submission."""
from decimal import Decimal

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from contracts.final_report import rules
from contracts.final_report.models import FinalReport, ReportAttachment, ReportCost, ReportVersion
from contracts.models import Contract

ZERO = Decimal("0.00")


def periods(contract: Contract) -> list[rules.Period]:
    """The reports the contract owes: partial ones for each budget year but the last, the final."""
    return rules.report_periods(contract.start_date, contract.end_date, final_due=contract.report_due,
                                partial_days=contract.partial_report_days)


def period_get(contract: Contract, year: int | None) -> rules.Period:
    """The final period (year None) or the partial period of the budget year `year` (404 if the
    contract has none)."""
    for period in periods(contract):
        if (year is None and period.kind == "final") or (period.kind == "partial" and period.end.year == year):
            return period
    raise Http404


def received_in_period(contract: Contract, period: rules.Period) -> Decimal:
    """The grant received in the period: the whole grant for the final report (it settles the
    whole task); a partial report's budget year, the tranches due in it."""
    if period.kind == "final":
        return contract.grant_total
    return rules.received_in(contract.payments, period.start, period.end, first=period.start == contract.start_date)


def report_of(contract: Contract, period: rules.Period | None = None) -> FinalReport | None:
    """The report of a period (by default the final one), or None while nobody has started it."""
    period = period or period_get(contract, None)
    return FinalReport.objects.filter(contract=contract, kind=period.kind, period_end=period.end).first()


def report_get(contract: Contract, period: rules.Period | None = None) -> FinalReport:
    """The report of a period (404 while there is none)."""
    report = report_of(contract, period)
    if report is None:
        raise Http404
    return report


def report_entries(contract: Contract) -> list[dict]:
    """The contract page's list of reports: each period with its name and its report's state."""
    return [{"period": p, "report": r, "name": rules.period_name(p.kind, p.end.year)}
            for p, r in report_list(contract)]


def offerors_signed(contract: Contract) -> list[dict]:
    """Each offeror as the offer signed (the contract's annex) gives it: the lead, then the
    partners of a joint offer; with its representatives."""
    data = contract.version.data
    return [o for o in [data.get("lead"), *data.get("partners", [])] if o]


def default_signatories(contract: Contract) -> str:
    """The persons the offer as signed names to represent each offeror, one a line."""
    return "\n".join(f"{person} ({offeror['name']})" for offeror in offerors_signed(contract)
                     for person in offeror.get("representatives", []))


def report_list(contract: Contract) -> list[tuple[rules.Period, FinalReport | None]]:
    """Every period the contract is reported on, with its report if started."""
    started = {(r.kind, r.period_end): r for r in contract.reports.all()}
    return [(p, started.get((p.kind, p.end))) for p in periods(contract)]


def report_versions(report: FinalReport | None) -> list[ReportVersion]:
    """The submitted versions, newest first, with who submitted and who reviewed them."""
    if report is None:
        return []
    return list(report.versions.select_related("submitted_by", "review__by").order_by("-number"))


def version_get(report: FinalReport, number: int) -> ReportVersion:
    return get_object_or_404(ReportVersion, report=report, number=number)


def attachment_get(report: FinalReport, attachment_id: int) -> ReportAttachment:
    return get_object_or_404(ReportAttachment, pk=attachment_id, report=report)


def result_flags(contract: Contract, report: FinalReport | None) -> dict[int, bool]:
    """Per contract result: whether the saved value deviates beyond the call's limit."""
    if report is None:
        return {}
    limit = contract.call.result_change_limit
    return {r.result_id: r.achieved is not None and rules.deviation_flagged(r.result.value, r.achieved, limit)
            for r in report.results.select_related("result")}


def report_rows(report: FinalReport):
    results = list(report.results.select_related("result__action"))
    costs = list(report.costs.select_related("cost__action"))
    return results, costs


def earlier_costs(report: FinalReport) -> dict[int, tuple[Decimal, Decimal]]:
    """For a final report: per cost item, what the partial reports before it say was incurred in
    total and from the grant."""
    if not report.is_final:
        return {}
    out: dict[int, tuple[Decimal, Decimal]] = {}
    rows = ReportCost.objects.filter(report__contract_id=report.contract_id, report__kind=FinalReport.Kind.PARTIAL,
                                     report__period_end__lt=report.period_start)
    for cost_id, total, grant in rows.values_list("cost_id", "actual_total", "actual_grant"):
        was = out.get(cost_id, (ZERO, ZERO))
        out[cost_id] = (was[0] + (total or ZERO), was[1] + (grant or ZERO))
    return out


def cost_lines(report: FinalReport, costs: list[ReportCost]) -> list[rules.CostActual]:
    """The cost items against their plan (the contract as amended): this period's amounts, and for
    a final report the partial reports' amounts added, so the whole task is judged."""
    earlier = earlier_costs(report)
    lines = []
    for c in costs:
        was_total, was_grant = earlier.get(c.cost_id, (ZERO, ZERO))
        lines.append(rules.CostActual(c.cost.name, c.cost.total, c.cost.grant, was_total + (c.actual_total or ZERO),
                                      was_grant + (c.actual_grant or ZERO)))
    return lines


def report_settlement(report: FinalReport, costs: list[ReportCost]) -> rules.Settlement:
    call = report.contract.call
    return rules.settlement(report.grant_received, cost_lines(report, costs), max_share=call.max_grant_share,
                            tolerance=call.cost_shift_limit, final=report.is_final)


def _actual_sources(report: FinalReport, grant: Decimal) -> rules.Sources:
    return rules.Sources(grant, report.own_financial or ZERO, report.own_personal or ZERO, report.own_in_kind or ZERO,
                         report.recipient_fees or ZERO)


def planned_sources(contract: Contract) -> rules.Sources:
    """The sources as the contract plans them (`rules.planned_sources`)."""
    costs = list(contract.costs.all())
    totals = contract.version.data.get("totals", {})
    return rules.planned_sources(total=sum((c.total for c in costs), ZERO), grant=sum((c.grant for c in costs), ZERO),
                                 personal=Decimal(totals.get("own_personal", "0")),
                                 in_kind=Decimal(totals.get("own_in_kind", "0")),
                                 recipient_fees=Decimal(totals.get("recipient_fees", "0")))


def whole_sources(report: FinalReport, costs: list[ReportCost]) -> rules.Sources:
    """The sources of the costs incurred: in the period of a partial report; over the whole task
    in the final report (the partial reports before it added)."""
    period = _actual_sources(report, sum((c.actual_grant or ZERO for c in costs), ZERO))
    if not report.is_final:
        return period
    earlier = FinalReport.objects.filter(contract_id=report.contract_id, kind=FinalReport.Kind.PARTIAL,
                                         period_end__lt=report.period_start)
    grants = earlier_costs(report)
    parts = [period, rules.Sources(sum((g for _t, g in grants.values()), ZERO))]
    parts += [_actual_sources(r, ZERO) for r in earlier]
    return rules.Sources(*(sum((getattr(p, key) for p in parts), ZERO) for key in rules.SOURCES))


def report_findings(report: FinalReport, results, costs: list[ReportCost]) -> list[str]:
    """What the checks against the contract as amended find (shown to both sides and in the
    PDF; the settlement counts the money): results short of the plan beyond the call's limit,
    items above their grant beyond the call's shift limit, the grant's share above the call's
    maximum and an own contribution below the planned share. The items and shares are judged in
    the final report, on the whole task."""
    call = report.contract.call
    found = rules.result_findings([(r.result.name, r.result.value, r.achieved) for r in results],
                                  call.result_change_limit)
    if report.is_final:
        found += rules.overrun_findings(cost_lines(report, costs), call.cost_shift_limit)
        found += rules.share_findings(planned_sources(report.contract), whole_sources(report, costs),
                                      max_share=call.max_grant_share)
    return found


def report_problems(report: FinalReport) -> list[tuple[str, str]]:
    """(section, message) for everything that blocks submission."""
    call = report.contract.call
    problems = _text_problems(report)
    results, costs = report_rows(report)
    for row in results:
        message = rules.result_problem(row.result.name, row.result.value, row.achieved, row.justification,
                                       call.result_change_limit)
        if message:
            problems.append(("results", message))
    for row in costs:
        if row.actual_total is None or row.actual_grant is None:
            problems.append(("costs", _("Cost “%(name)s”: give the cost incurred and the part paid from the grant "
                                        "(0 when nothing was spent).") % {"name": row.cost.name}))
            continue
        message = rules.cost_problem(rules.CostActual(row.cost.name, row.cost.total, row.cost.grant, row.actual_total,
                                                      row.actual_grant))
        if message:
            problems.append(("costs", message))
    message = rules.settlement_problem(report_settlement(report, costs))
    if message:
        problems.append(("costs", message))
    problems += _source_problems(report, costs)
    if not report.statements:
        problems.append(("statements", _("Make the statements of part III (tick the box) before submitting.")))
    if not report.signatories.strip():
        problems.append(("statements", _("Name the persons who sign the report for the grantee (those authorised "
                                         "to represent it, as in the offer).")))
    return problems


def _text_problems(report: FinalReport) -> list[tuple[str, str]]:
    problems = []
    if not report.results_description.strip():
        problems.append(("results", _("Describe the results achieved and how they were measured.")))
    if not report.execution.strip():
        problems.append(("execution", _("Describe what was done, against the plan and schedule.")))
    return problems


def _source_problems(report: FinalReport, costs: list[ReportCost]) -> list[tuple[str, str]]:
    if None in (report.own_financial, report.own_personal, report.own_in_kind, report.recipient_fees):
        return [("costs", _("Give the costs incurred from each source other than the grant (0 when none)."))]
    grant = sum((c.actual_grant or ZERO for c in costs), ZERO)
    total = sum((c.actual_total or ZERO for c in costs), ZERO)
    message = rules.sources_problem(_actual_sources(report, grant), total)
    return [("costs", message)] if message else []
