"""The applicant uploads the confirmation signed electronically; the applicant and the clerks
read each signed file and its verification report.

Access: the upload page is the offer's applicants' (`offers.selectors.offer_get_for_user`: 404
for anybody else); a signed file and its report are theirs and the clerks'
(`selectors.signed_get_for_user`)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.files import private_file_response
from core.pdf.response import pdf_response
from offers import selectors as offer_selectors
from offers.attachments import MAX_SIZE
from signatures import selectors, services
from signatures.forms import SignedUploadForm
from signatures.permissions import upload_error


@login_required
def signed_upload(request, pk: int, number: int):
    offer = offer_selectors.offer_get_for_user(pk=pk, user=request.user)
    version = selectors.version_of(offer, number)
    lock = upload_error(offer, version)
    form, status = SignedUploadForm(), 200
    if request.method == "POST" and not lock:
        form = SignedUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                signed = services.signed_confirmation_upload(offer=offer, version=version, by=request.user,
                                                             upload=form.cleaned_data["file"],
                                                             now=getattr(request, "arrived_at", None))
            except ValidationError as error:
                form.add_error("file", error)
            else:
                _tell(request, signed)
                return redirect(request.path)
        status = 400
    return render(request, "signatures/upload.html", {
        "offer": offer, "version": version, "form": form, "lock": lock,
        "rows": selectors.signed_rows(selectors.signed_of_version(version)),
        "status": selectors.signed_status(version), "deadline": selectors.deadline_of(version),
        "max_mb": MAX_SIZE // (1024 * 1024),
    }, status=status)


def _tell(request, signed) -> None:
    problems = selectors.problems_of(signed)
    if signed.accepted:
        messages.success(request, _("The signed confirmation has been verified and accepted.")
                         + (" " + " ".join(problems) if problems else ""))
    else:
        messages.error(request, _("The signed confirmation was refused: %(problems)s") % {
            "problems": " ".join(problems)})


@login_required
def signed_file(request, pk: int, number: int, signed_pk: int):
    signed = selectors.signed_get_for_user(offer_pk=pk, number=number, signed_pk=signed_pk, user=request.user)
    return private_file_response(signed)


@login_required
def report_pdf(request, pk: int, number: int, signed_pk: int):
    signed = selectors.signed_get_for_user(offer_pk=pk, number=number, signed_pk=signed_pk, user=request.user)
    try:
        with signed.report.open("rb") as handle:
            content = handle.read()
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = pdf_response(content, f"raport-podpisu-{signed.pk}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response
