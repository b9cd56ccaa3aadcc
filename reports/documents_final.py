"""The final report's PDF as the cache builds it (`core.pdf.cache`): a report grows with what the
grantee typed, so it is always built by the PDF worker. Registered from `ReportsConfig.ready`
(it moves with the final report)."""
from django.utils.translation import gettext_lazy as _

from competition.models import Call
from contracts.models import Contract
from core.pdf import registry
from core.pdf.registry import Source
from reports import services_final
from reports.models import ReportVersion

FINAL_REPORT = "final_report"


def report_subject(contract_pk: int, number: int) -> str:
    return f"report-{contract_pk}-v{number}"


def final_report_source(call: Call, subject: str) -> Source:
    _report, contract_pk, number = subject.split("-")
    contract = Contract.objects.select_related("call").get(pk=int(contract_pk), call=call)
    version = ReportVersion.objects.select_related("review").get(report__contract=contract, number=int(number[1:]))
    review = getattr(version, "review", None)
    context = {"contract": contract, "call": contract.call, "version": version, "data": version.data,
               "review": review, "sections": services_final.SECTIONS, "as_of": version.submitted_at}
    return Source("reports/final_report_pdf.html", context, f"sprawozdanie-{contract.pk}-v{version.number}.pdf")


def register_documents() -> None:
    registry.register(FINAL_REPORT, owner=Call, source=final_report_source, label=_("final report"),
                      worker_only=True)
