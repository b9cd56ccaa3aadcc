"""The final report's PDF: one document per submitted version, built by the PDF worker (its
length is the grantee's). `final_report_source` is what the PDF cache (`core.pdf`) renders for
the subject "report-<contract>-v<number>" (`report_subject`); `respond` serves it. The kind is
registered from `ContractsConfig.ready()`.
"""
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from competition.models import Call
from contracts.final_report.models import ReportVersion
from contracts.final_report.rules import SECTIONS
from contracts.models import Contract
from core.pdf import registry, serve
from core.pdf.registry import Source

KIND = "final_report"  # the document's kind in the PDF cache


def report_subject(contract_pk: int, number: int) -> str:
    return f"report-{contract_pk}-v{number}"


def final_report_source(call: Call, subject: str) -> Source:
    """The document of a submitted version: `subject` is "report-<contract pk>-v<number>"."""
    _report, contract_pk, number = subject.split("-")
    contract = Contract.objects.select_related("call").get(pk=int(contract_pk), call=call)
    version = ReportVersion.objects.select_related("review").get(report__contract=contract, number=int(number[1:]))
    review = getattr(version, "review", None)
    context = {"contract": contract, "call": contract.call, "version": version, "data": version.data,
               "review": review, "sections": SECTIONS, "as_of": version.submitted_at}
    return Source("contracts/final_report/report_pdf.html", context, f"sprawozdanie-{contract.pk}-v{version.number}.pdf")


def respond(request, contract: Contract, number: int, *, back_url: str) -> HttpResponse:
    """The version's PDF (200), or the "being prepared" page (202) until the worker has built it.
    The caller has checked that the user may read the contract."""
    return serve.respond(request, KIND, contract.call, report_subject(contract.pk, number), back_url=back_url)


def register_documents() -> None:
    registry.register(KIND, owner=Call, source=final_report_source, label=_("final report"), worker_only=True)
