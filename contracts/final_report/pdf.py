"""The reports' PDF: one document per submitted version, built by the PDF worker (its length is
the grantee's). `final_report_source` is what the PDF cache (`core.pdf`) renders for the subject
"report-<contract>-v<number>" (the final report) or "report-<contract>-<year>-v<number>" (the
partial report for a budget year) (`report_subject`); `respond` serves it. The kind is
registered from `ContractsConfig.ready()`.
"""
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from competition.models import Call
from contracts.final_report.models import FinalReport, ReportVersion
from contracts.final_report.rules import SECTIONS
from contracts.models import Contract
from core.pdf import registry, serve
from core.pdf.registry import Source

KIND = "final_report"  # the document's kind in the PDF cache

# Part II, point 2 of the report model: the sources, as the model names them (the document is Polish).
SOURCE_LABELS = {
    "1": "Suma wszystkich kosztów realizacji zadania",
    "2": "Kwota dotacji",
    "3": "Wkład własny",
    "3.1": "Wkład własny finansowy",
    "3.2": "Wkład własny niefinansowy osobowy",
    "3.3": "Wkład własny niefinansowy rzeczowy",
    "4": "Świadczenia pieniężne od odbiorców zadania",
}


def report_subject(report: FinalReport, number: int) -> str:
    if report.is_final:
        return f"report-{report.contract_id}-v{number}"
    return f"report-{report.contract_id}-{report.period_end.year}-v{number}"


def final_report_source(call: Call, subject: str) -> Source:
    """The document of a submitted version: `subject` as `report_subject` makes it."""
    parts = subject.split("-")
    contract = Contract.objects.select_related("call").get(pk=int(parts[1]), call=call)
    reports = FinalReport.objects.filter(contract=contract)
    if len(parts) == 4:
        report = reports.get(kind=FinalReport.Kind.PARTIAL, period_end__year=int(parts[2]))
    else:
        report = reports.get(kind=FinalReport.Kind.FINAL)
    version = ReportVersion.objects.select_related("review").get(report=report, number=int(parts[-1][1:]))
    review = getattr(version, "review", None)
    data = version.data
    context = {"contract": contract, "call": contract.call, "report": report, "version": version,
               "data": data, "review": review, "sections": SECTIONS, "as_of": version.submitted_at,
               "sources": [{**row, "pl_label": SOURCE_LABELS[row["number"]]} for row in data.get("sources", [])],
               "cost_totals": {key: sum((Decimal(part[key]) for part in data.get("cost_groups", [])), Decimal("0.00"))
                               for key in ("planned", "actual")}}
    suffix = "" if report.is_final else f"-{report.period_end.year}"
    return Source("contracts/final_report/report_pdf.html", context,
                  f"sprawozdanie-{contract.pk}{suffix}-v{version.number}.pdf")


def respond(request, report: FinalReport, number: int, *, back_url: str) -> HttpResponse:
    """The version's PDF (200), or the "being prepared" page (202) until the worker has built it.
    The caller has checked that the user may read the contract."""
    return serve.respond(request, KIND, report.contract.call, report_subject(report, number), back_url=back_url)


def register_documents() -> None:
    registry.register(KIND, owner=Call, source=final_report_source, label=_("report on the task"), worker_only=True)
