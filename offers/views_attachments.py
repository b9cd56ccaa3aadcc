"""Attachments of an offer: the list with the upload form, download, removal.

Only members of the offer's organisations reach them (`selectors.offer_get_for_user`, 404
for anyone else). Files are sent as downloads with the detected content type and
`nosniff`, never inline, so an uploaded file cannot run as a page of the portal.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.files import private_file_response
from offers import attachments, selectors
from offers.navigation import step_nav
from offers.forms import AttachmentForm
from offers.models import Attachment, Offer
from offers.permissions import submission_closed_error


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
        "nav": step_nav(offer, "", selectors.offer_problems(offer)),
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
