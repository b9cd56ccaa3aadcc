"""The grantee's final report in the browser: the grantee writes and submits it on one page (the
results and costs of the contract, each against its declared or planned value, and the
settlement of the grant computed from what is saved); a clerk reads each submitted version and
accepts it or returns it with comments per section; every version has its PDF.

Who may look: the contract's grantee and the office (404 otherwise); the grantee writes, the
clerks review.
"""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contracts import permissions
from contracts import selectors as contract_selectors
from contracts.final_report import pdf, rules, selectors
from contracts.final_report import services as services_final
from contracts.final_report.forms import FinalReportForm, ReviewForm
from contracts.final_report.models import FinalReport
from core.forms import error_summary
from core.files import private_file_response
from offers.forms import AttachmentForm


def _contract(request, pk):
    if not request.user.is_authenticated:
        raise Http404
    return contract_selectors.contract_for(request.user, pk)


def _page(request, contract, *, form=None, review_form=None, attachment_form=None, errors=(), status=200):
    report = selectors.report_of(contract)
    can_write = permissions.can_write_report(request.user, contract) and (report is None or report.is_editable)
    if form is None and can_write:
        form = FinalReportForm(contract=contract, report=report)
    versions = selectors.report_versions(report)
    settlement = problems = None
    if report is not None:
        _results, costs = selectors.report_rows(report)
        settlement = selectors.report_settlement(report, costs)
        problems = selectors.report_problems(report) if report.is_editable else None
    today = timezone.localdate()
    return render(request, "contracts/final_report/report.html", {
        "contract": contract, "report": report, "form": form if can_write else None, "versions": versions,
        "latest": versions[0] if versions else None, "settlement": settlement, "problems": problems,
        "flags": selectors.result_flags(contract, report),
        "review_form": review_form or ReviewForm(),
        "can_review": permissions.can_review_report(request.user, contract) and report is not None
        and report.state == FinalReport.State.SUBMITTED,
        "errors": error_summary(form, review_form, attachment_form, extra=list(errors)),
        "attachment_form": attachment_form or AttachmentForm(),
        "attachments": list(report.attachments.all()) if report else [],
        "late": rules.is_late(contract.report_due, today) and (report is None or report.is_editable),
        "days_late": rules.days_late(contract.report_due, today),
        "sections": rules.SECTIONS,
    }, status=status)


def report(request, pk):
    contract = _contract(request, pk)
    if request.method != "POST":
        return _page(request, contract)
    if not permissions.can_write_report(request.user, contract):
        raise Http404
    existing = selectors.report_of(contract)
    form = FinalReportForm(request.POST, contract=contract, report=existing)
    if not form.is_valid():
        return _page(request, contract, form=form)
    try:
        revision = int(request.POST.get("revision", ""))
    except ValueError:
        revision = -1
    try:
        report = existing or services_final.report_start(contract=contract, by=request.user)
        if existing is None:
            revision = report.revision
        report = services_final.report_save(report=report, by=request.user, revision=revision, **form.values())
    except ValidationError as exc:
        return _page(request, contract, form=form, errors=exc.messages)
    if "submit" in request.POST:
        try:
            version = services_final.report_submit(report=report, by=request.user)
        except ValidationError as exc:
            messages.warning(request, _("The report is saved, but not submitted: fix what is listed below."))
            return _page(request, contract, form=FinalReportForm(contract=contract, report=report),
                         errors=exc.messages)
        messages.success(request, _("The final report is submitted (version %(n)s). The office reviews it.")
                         % {"n": version.number})
    else:
        messages.success(request, _("The report is saved. Submit it when it is complete."))
    return redirect("final_report:report", pk=contract.pk)


@require_POST
def review(request, pk):
    contract = _contract(request, pk)
    if not permissions.can_review_report(request.user, contract):
        raise Http404
    report = selectors.report_get(contract)
    form = ReviewForm(request.POST)
    form.is_valid()
    accept = request.POST.get("outcome") == "accept"
    try:
        services_final.report_review(report=report, by=request.user, accept=accept, comments=form.comments())
    except ValidationError as exc:
        return _page(request, contract, review_form=form, errors=exc.messages)
    messages.success(request, _("The report is accepted; the grantee is notified.") if accept
                     else _("The report is returned for corrections; the grantee is notified."))
    return redirect("final_report:report", pk=contract.pk)


def report_pdf(request, pk, number):
    """A submitted version of the report, built by the PDF worker (its length is the grantee's)."""
    contract = _contract(request, pk)
    version = selectors.version_get(contract, number)
    return pdf.respond(request, contract, version.number,
                       back_url=reverse("final_report:report", kwargs={"pk": contract.pk}))


@require_POST
def attachment_add(request, pk):
    """Attach a document to the report (the grantee, while the report can be changed)."""
    contract = _contract(request, pk)
    if not permissions.can_write_report(request.user, contract):
        raise Http404
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, contract, attachment_form=form, status=400)
    try:
        report = selectors.report_of(contract) or services_final.report_start(
            contract=contract, by=request.user)
        added = services_final.report_attachment_add(report=report, upload=form.cleaned_data["file"],
                                                     description=form.cleaned_data["description"], by=request.user)
    except ValidationError as exc:
        form.add_error("file", exc)
        return _page(request, contract, attachment_form=form, status=400)
    messages.success(request, _("“%(name)s” has been attached.") % {"name": added.original_name})
    return redirect("final_report:report", pk=contract.pk)


def attachment_download(request, pk, attachment_id):
    contract = _contract(request, pk)
    return private_file_response(selectors.attachment_get(contract, attachment_id))
