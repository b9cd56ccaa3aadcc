"""Reads of the grantee's final report: the report of a contract, its versions and attachments
(each found within the contract the user may see), its rows, the settlement computed from what
is saved, and what still blocks its submission."""
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from contracts.final_report import rules
from contracts.final_report.models import FinalReport, ReportAttachment, ReportCost, ReportVersion
from contracts.models import Contract

ZERO = Decimal("0.00")


def report_of(contract: Contract) -> FinalReport | None:
    """The contract's report, or None while nobody has started it."""
    return FinalReport.objects.filter(contract=contract).first()


def report_get(contract: Contract) -> FinalReport:
    """The contract's report (404 while there is none)."""
    return get_object_or_404(FinalReport, contract=contract)


def report_versions(report: FinalReport | None) -> list[ReportVersion]:
    """The submitted versions, newest first, with who submitted and who reviewed them."""
    if report is None:
        return []
    return list(report.versions.select_related("submitted_by", "review__by").order_by("-number"))


def version_get(contract: Contract, number: int) -> ReportVersion:
    return get_object_or_404(ReportVersion, report__contract=contract, number=number)


def attachment_get(contract: Contract, attachment_id: int) -> ReportAttachment:
    return get_object_or_404(ReportAttachment, pk=attachment_id, report__contract=contract)


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


def report_settlement(report: FinalReport, costs: list[ReportCost]) -> rules.Settlement:
    call = report.contract.call
    lines = [rules.CostActual(c.cost.name, c.cost.total, c.cost.grant, c.actual_total or ZERO, c.actual_grant or ZERO)
             for c in costs]
    return rules.settlement(report.grant_received, lines, max_share=call.max_grant_share,
                            tolerance=call.cost_shift_limit)


def report_problems(report: FinalReport) -> list[tuple[str, str]]:
    """(section, message) for everything that blocks submission."""
    call = report.contract.call
    problems = []
    if not report.execution.strip():
        problems.append(("execution", _("Describe what was done, against the plan and schedule.")))
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
    return problems
