"""The final report's PDF: one document per submitted version, built by the PDF worker (its
length is the grantee's). `final_report_source` is what the PDF cache renders for the subject
"report-<contract>-v<number>" (`report_subject`); `respond` serves it.

The PDF cache (`reports/pdf_cache.py`, its `Source` and `respond`) still lives in `reports`, an
app above this one. So that contracts imports nothing above it, `reports` hands both over when
it starts (`ReportsConfig.ready()` calls `connect_pdf_cache`), as a lower layer is given what a
higher one provides. When the cache moves to `core` they become plain imports.
"""
from django.http import HttpResponse

from contracts.final_report.models import ReportVersion
from contracts.final_report.rules import SECTIONS
from contracts.models import Contract

KIND = "final_report"  # the document's kind in the PDF cache (reports.PdfDocument.Kind.FINAL_REPORT)

_cache = {}  # "source": the cache's Source type; "respond": its respond(request, kind, call, subject, back_url)


def connect_pdf_cache(*, source, respond) -> None:
    _cache.update(source=source, respond=respond)


def report_subject(contract_pk: int, number: int) -> str:
    return f"report-{contract_pk}-v{number}"


def final_report_source(call, subject: str):
    """The document of a submitted version: `subject` is "report-<contract pk>-v<number>"."""
    _report, contract_pk, number = subject.split("-")
    contract = Contract.objects.select_related("call").get(pk=int(contract_pk), call=call)
    version = ReportVersion.objects.select_related("review").get(report__contract=contract, number=int(number[1:]))
    review = getattr(version, "review", None)
    context = {"contract": contract, "call": contract.call, "version": version, "data": version.data,
               "review": review, "sections": SECTIONS, "as_of": version.submitted_at}
    return _cache["source"]("contracts/final_report/report_pdf.html", context,
                            f"sprawozdanie-{contract.pk}-v{version.number}.pdf")


def respond(request, contract: Contract, number: int, *, back_url: str) -> HttpResponse:
    """The version's PDF (200), or the "being prepared" page (202) until the worker has built it.
    The caller has checked that the user may read the contract."""
    return _cache["respond"](request, KIND, contract.call, report_subject(contract.pk, number), back_url=back_url)
