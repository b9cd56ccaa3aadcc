"""What a submitted report freezes (`ReportVersion.data`): the report as the 2018 report model
lays it out, with the sums, shares, checks and settlement computed at submission, so its PDF
shows what was submitted whatever changes afterwards."""
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from contracts.final_report import rules, selectors
from contracts.final_report.models import FinalReport

ZERO = Decimal("0.00")


def _money(value: Decimal | None) -> str:
    return str(Decimal(value or 0).quantize(Decimal("0.01")))


def _share(value: Decimal | None) -> str | None:
    return str(value.quantize(Decimal("0.0001"))) if value is not None else None


def _contract(report: FinalReport) -> dict:
    contract = report.contract
    return {"number": contract.number, "signed_on": contract.signed_on.isoformat(),
            "start": contract.start_date.isoformat(), "end": contract.end_date.isoformat(),
            "grant": _money(contract.grant_total), "report_due": report.due.isoformat(),
            "annexes": [c.annex_number for c in contract.changes.filter(state="approved").order_by("number")
                        if c.annex_number]}


def _grantees(contract) -> list[dict]:
    """Each offeror: name, seat and register number, as the offer signed gives them."""
    out = []
    for offeror in selectors.offerors_signed(contract):
        if offeror.get("krs"):
            register = f"KRS {offeror['krs']}"
        else:
            register = " ".join(str(offeror.get(k) or "") for k in ("other_register", "other_register_number")).strip()
        out.append({"name": offeror.get("name", ""), "address": offeror.get("address", ""), "register": register})
    return out or [{"name": contract.offer.organisation.name, "address": contract.offer.organisation.address,
                    "register": ""}]


def _results(report: FinalReport, results) -> list[dict]:
    limit = report.contract.call.result_change_limit
    return [{"action": r.result.action.code, "name": r.result.name, "unit": r.result.unit,
             "declared": str(r.result.value), "achieved": str(r.achieved),
             "deviation": str(rules.deviation(r.result.value, r.achieved)) if r.result.value else None,
             "flagged": rules.deviation_flagged(r.result.value, r.achieved, limit), "justification": r.justification}
            for r in results]


def _costs(report: FinalReport, costs) -> tuple[list[dict], list[dict]]:
    tolerance = report.contract.call.cost_shift_limit
    lines = selectors.cost_lines(report, costs)
    rows = [{"action": c.cost.action.code, "name": c.cost.name, "kind": c.cost.kind,
             "planned_total": _money(c.cost.total), "planned_grant": _money(c.cost.grant),
             "actual_total": _money(c.actual_total), "actual_grant": _money(c.actual_grant),
             "whole_total": _money(line.actual_total), "whole_grant": _money(line.actual_grant),
             "overrun": _money(rules.item_overrun(line, tolerance)) if report.is_final else "0.00"}
            for c, line in zip(costs, lines)]
    groups = rules.cost_groups([{"action": r["action"], "name": r["name"], "kind": r["kind"],
                                 "planned": Decimal(r["planned_total"]), "actual": Decimal(r["actual_total"])}
                                for r in rows])
    shaped = [{"key": g["key"], "planned": _money(g["planned"]), "actual": _money(g["actual"]),
               "groups": [{"number": sub["number"], "label": sub["label"], "planned": _money(sub["planned"]),
                           "actual": _money(sub["actual"]),
                           "rows": [{"action": r["action"], "name": r["name"], "planned": _money(r["planned"]),
                                     "actual": _money(r["actual"])}
                                    for r in sub["rows"]]}
                          for sub in g["groups"]]}
              for g in groups]
    return rows, shaped


def _sources(report: FinalReport, costs) -> list[dict]:
    rows = rules.source_rows(selectors.planned_sources(report.contract), selectors.whole_sources(report, costs))
    return [{"number": r["number"], "label": str(r["label"]), "main": r["main"], "planned": _money(r["planned"]),
             "planned_share": _share(r["planned_share"]), "actual": _money(r["actual"]),
             "actual_share": _share(r["actual_share"])}
            for r in rows]


def report_snapshot(report: FinalReport, *, submitted_at: datetime) -> dict:
    contract = report.contract
    call = contract.call
    results, costs = selectors.report_rows(report)
    money = selectors.report_settlement(report, costs)
    cost_rows, cost_groups = _costs(report, costs)
    day = timezone.localtime(submitted_at).date()
    return {
        "kind": report.kind,
        "period": {"start": report.period_start.isoformat(), "end": report.period_end.isoformat()},
        "contract": _contract(report),
        "title": contract.offer.title,
        "offer_number": contract.offer.number,
        "grantees": [g["name"] for g in _grantees(contract)],
        "offerors": _grantees(contract),
        "authority": call.authority.name,
        "results_description": report.results_description,
        "execution": report.execution,
        "other_revenue": report.other_revenue,
        "recipient_fees_info": report.recipient_fees_info,
        "other_information": report.other_information,
        "results": _results(report, results),
        "costs": cost_rows,
        "cost_groups": cost_groups,
        "sources": _sources(report, costs),
        "findings": selectors.report_findings(report, results, costs),
        "settlement": {"received": _money(money.received), "used": _money(money.used),
                       "actual_total": _money(money.actual_total), "own": _money(money.own),
                       "unused": _money(money.unused), "overrun": _money(money.overrun),
                       "allowed_by_share": _money(money.allowed_by_share), "over_share": _money(money.over_share),
                       "to_return": _money(money.to_return), "max_share": str(money.max_share),
                       "tolerance": str(call.cost_shift_limit), "result_limit": str(call.result_change_limit)},
        "statements": [str(s) for s in rules.STATEMENTS] if report.statements else [],
        "signatories": [line.strip() for line in report.signatories.splitlines() if line.strip()],
        "attachments": [{"name": a.original_name, "description": a.description, "sha256": a.sha256, "size": a.size}
                        for a in report.attachments.all()],
        "submitted_at": submitted_at.isoformat(),
        "late": rules.is_late(report.due, day),
        "days_late": rules.days_late(report.due, day),
    }
