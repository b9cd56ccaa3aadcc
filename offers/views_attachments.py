"""Attachments of an offer: the list with the upload form, download, removal.

Only members of the offer's organisations reach them (`selectors.offer_get_for_user`, 404
for anyone else). Files are sent as downloads with the detected content type and
`nosniff`, never inline, so an uploaded file cannot run as a page of the portal.
"""
import unicodedata
from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from offers import attachments, selectors
from offers.models import Attachment, Offer
from offers.permissions import submission_closed_error


class AttachmentForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File"), help_text=gettext_lazy("PDF, PNG or JPEG, at most 10 MB."))
    description = forms.CharField(
        label=gettext_lazy("What the document is"), max_length=300, required=False,
        help_text=gettext_lazy("For example: statute, partnership agreement, letter of support."),
    )


@login_required
def attachment_list(request, pk: int):
    offer = selectors.offer_get_for_user(pk=pk, user=request.user)
    lock = _lock_reason(offer)
    form = AttachmentForm()
    status = 200
    if request.method == "POST":
        if lock:
            messages.error(request, lock)
            return redirect(request.path)
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                added = attachments.attachment_add(offer=offer, upload=form.cleaned_data["file"],
                                                   description=form.cleaned_data["description"], by=request.user)
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("“%(name)s” has been attached.") % {"name": added.original_name})
                return redirect(request.path)
        status = 400
    return render(request, "offers/attachment_list.html", {
        "offer": offer,
        "form": form,
        "lock": lock,
        "rows": [(a, _here(request, "offer_attachment_download", pk=offer.pk, attachment_id=a.pk),
                  _here(request, "offer_attachment_delete", pk=offer.pk, attachment_id=a.pk))
                 for a in offer.attachments.all()],
        "required": list(offer.call.required_attachments or []),
        "max_mb": attachments.MAX_SIZE // (1024 * 1024),
    }, status=status)


@login_required
def attachment_download(request, pk: int, attachment_id: int):
    offer = selectors.offer_get_for_user(pk=pk, user=request.user)
    attachment = _attachment(offer, attachment_id)
    return private_file_response(attachment)


def private_file_response(attachment) -> FileResponse:
    """An uploaded file (after the caller's permission check) as a download that no browser
    runs or caches: any model with `file`, `content_type` and `original_name`."""
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=attachment.content_type)
    response["Content-Disposition"] = content_disposition(attachment.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def attachment_delete(request, pk: int, attachment_id: int):
    offer = selectors.offer_get_for_user(pk=pk, user=request.user)
    attachment = _attachment(offer, attachment_id)
    try:
        attachments.attachment_remove(attachment=attachment, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("“%(name)s” has been removed.") % {"name": attachment.original_name})
    return redirect(_here(request, "offer_attachments", pk=offer.pk))


def content_disposition(name: str) -> str:
    """`attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987)."""
    safe = attachments.safe_filename(name)
    fallback = unicodedata.normalize("NFKD", safe).encode("ascii", "ignore").decode() or "zalacznik"
    fallback = "".join(ch if ch.isalnum() or ch in "._- " else "_" for ch in fallback)
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(safe, safe='')}"


def _attachment(offer: Offer, attachment_id: int) -> Attachment:
    for attachment in offer.attachments.all():  # prefetched, and scoped to the offer
        if attachment.pk == attachment_id:
            return attachment
    raise Http404


def _lock_reason(offer: Offer) -> str:
    error = submission_closed_error(offer.call, timezone.now())
    if error:
        return error
    if offer.state == Offer.State.SUBMITTED:
        return _("The offer has been submitted. Withdraw it first to change its attachments.")
    return ""


def _here(request, name: str, **kwargs) -> str:
    """Reverse a route of this module in the namespace the request came through, so the
    routes work whether offers/urls_extra.py is included with a namespace or without."""
    namespace = request.resolver_match.namespace if request.resolver_match else ""
    return reverse(f"{namespace}:{name}" if namespace else name, kwargs=kwargs)
