"""The clerk's screens of Stage I, the formal check.

Paper confirmations are recorded as they arrive; each submitted offer gets a formal sheet
with the call's yes/no criteria, pre-answered where the portal can know; the clerk confirms
or overrides each with a reason, confirms the sheet (a second clerk approves it when the call
asks for four eyes) and closes the stage. Each POST calls one service of
`evaluation.formal.services`; a ValidationError is shown on the page with what was typed.

Only clerks and administrators see any of this: everyone else gets 404, so the screens do
not even reveal which offers have sheets.
"""
from functools import wraps

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from core.listing import build_listing
from competition.models import Call
from evaluation.formal import filters
from evaluation.formal import forms
from evaluation.formal import rules
from evaluation.formal import selectors
from evaluation.formal import services
from evaluation.models import FormalSheet
from accounts.permissions import is_clerk
from evaluation.formal.permissions import can_run_formal_check, may_record_receipt
from core.pdf.render import render_pdf
from core.pdf.response import pdf_response
from offers import documents as offer_documents


# The offers still open named above the list; the filter "Sheet" lists them all.
STILL_OPEN_SHOWN = 10


def _clerks_only(view):
    """404 (not 403, not a login page) for everyone who may not run the formal check."""

    @wraps(view)
    def wrapper(request, slug, **kwargs):
        if not is_clerk(request.user):  # no query for those who are nobody's clerk
            raise Http404
        call = selectors.call_get_for_formal_check(slug=slug)
        if not can_run_formal_check(request.user, call):
            raise Http404
        return view(request, call, **kwargs)

    return wrapper


def _overview_url(call: Call) -> str:
    return reverse("evaluation:formal_overview", kwargs={"slug": call.slug})


def _sheet_url(call: Call, offer_pk: int, anchor: str = "") -> str:
    url = reverse("evaluation:sheet", kwargs={"slug": call.slug, "offer_pk": offer_pk})
    return f"{url}#{anchor}" if anchor else url


def _report(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- the call's overview, starting, closing, annulling ------------------------------------------------


def _overview_page(request, call: Call, *, annul_form=None, errors=()):
    annul_form = annul_form or forms.AnnulForm()
    listing = build_listing(request.GET, selectors.formal_offer_list(call), filterset_class=filters.FormalOfferFilter,
                            sorts=filters.SORTS, default_sort=filters.DEFAULT_SORT)
    overview = selectors.formal_summary(call)
    overview.rows = selectors.formal_rows(call, listing.rows)
    return render(request, "evaluation/formal_overview.html", {
        "call": call,
        "overview": overview,
        "listing": listing,
        "still_open_shown": overview.still_open[:STILL_OPEN_SHOWN],
        "annulment_allowed": services.annulment_allowed(call),
        "annul_form": annul_form,
        "errors": forms.error_summary(annul_form, extra=list(errors)),
    })


@_clerks_only
def formal_overview(request, call):
    return _overview_page(request, call)


@_clerks_only
@require_POST
def formal_start(request, call):
    try:
        services.formal_check_start(call=call, by=request.user)
    except ValidationError as exc:
        _report(request, exc)
    else:
        messages.success(request, _("The formal check has started: every submitted offer has its sheet."))
    return redirect(_overview_url(call))


@_clerks_only
@require_POST
def formal_close(request, call):
    try:
        services.formal_check_close(call=call, by=request.user)
    except ValidationError as exc:
        _report(request, exc)
    else:
        messages.success(request, _("The formal check is closed. The applicants have been told the outcome; "
                                    "the admitted offers go to merit evaluation."))
    return redirect(_overview_url(call))


@_clerks_only
@require_POST
def call_annul(request, call):
    form = forms.AnnulForm(request.POST)
    if form.is_valid():
        try:
            services.call_annul(call=call, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The call is annulled; the annulment and its reason are published."))
            return redirect(reverse("competition:manage_detail", kwargs={"slug": call.slug}))
    return _overview_page(request, call, annul_form=form)


@_clerks_only
def formal_history(request, call):
    return render(request, "evaluation/formal_history.html", {"call": call, "events": selectors.formal_events(call)})


# --- one offer: its confirmations ----------------------------------------------------------------------


@_clerks_only
def receipt_record(request, call, offer_pk):
    """Record a confirmation. A control sum that does not match the submitted version is not
    saved at once: the form comes back, as typed, asking to check the paper again and to
    confirm that very sum (a typing error then never becomes a recorded mismatch)."""
    page = selectors.sheet_page(call=call, offer_pk=offer_pk)
    initial = forms.ReceiptForm.initial_for(request.user)
    form = forms.ReceiptForm(request.POST or None, initial=initial, confirming="warned" in request.POST)
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.receipt_record(offer=page.row.offer, by=request.user,
                                              mismatch_confirmed=form.confirmed(), **form.service_values())
        except services.MismatchNotConfirmed as exc:
            data = request.POST.copy()
            data["warned"] = rules.normalise_checksum(form.cleaned_data["checksum_read"])
            form = forms.ReceiptForm(data, initial=initial, confirming=True)
            form.is_valid()
            form.add_error("confirm_mismatch", exc.messages)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            url = reverse("evaluation:receipt_record", kwargs={"slug": call.slug, "offer_pk": offer_pk})
            return redirect(f"{url}?recorded={receipt.pk}#result")
    return _receipt_page(request, call, page, form)


@_clerks_only
@require_POST
def receipt_void(request, call, offer_pk, receipt_pk):
    """Void a mis-keyed entry with a reason; it stays on the page, struck through."""
    page = selectors.sheet_page(call=call, offer_pk=offer_pk)
    receipt = selectors.receipt_to_void(page, receipt_pk)
    void_form = forms.VoidReceiptForm(request.POST, prefix=f"void-{receipt.pk}")
    if void_form.is_valid():
        try:
            services.receipt_void(receipt=receipt, by=request.user, reason=void_form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(exc, void_form)
        else:
            messages.success(request, _("The entry is voided: it stays in the record, struck through, and no longer "
                                        "counts. Record the confirmation again with the control sum on the paper."))
            url = reverse("evaluation:receipt_record", kwargs={"slug": call.slug, "offer_pk": offer_pk})
            return redirect(f"{url}#receipt-{receipt.pk}")
    form = forms.ReceiptForm(initial=forms.ReceiptForm.initial_for(request.user))
    return _receipt_page(request, call, page, form, void_form=(receipt.pk, void_form), status=400)


def _receipt_page(request, call, page, form, *, void_form=None, status=200):
    can_record = may_record_receipt(call, page.row.offer)
    voidable = []
    if can_record:
        for item in page.receipts:
            if not item.receipt.voided:
                bound = void_form[1] if void_form and void_form[0] == item.receipt.pk else None
                voidable.append((item, bound or forms.VoidReceiptForm(prefix=f"void-{item.receipt.pk}")))
    return render(request, "evaluation/receipt_form.html", {
        "call": call,
        "page": page,
        "row": page.row,
        "form": form,
        "warned": "warned" in form.fields,
        "voidable": voidable,
        "recorded": selectors.receipt_get(page, request.GET.get("recorded")),
        "can_record": can_record,
        "errors": forms.error_summary(form, void_form[1] if void_form else None),
    }, status=status)


# --- one offer: its formal sheet -------------------------------------------------------------------------


def _sheet_page(request, call, page, *, answers_form=None, reopen_form=None, correction_form=None, errors=()):
    sheet = page.row.sheet
    editing = bool(sheet) and call.state == Call.State.FORMAL_CHECK
    answers_form = answers_form or forms.AnswersForm(answers=page.answers)
    reopen_form = reopen_form or forms.ReopenForm()
    correction_form = correction_form or forms.CorrectionForm()
    return render(request, "evaluation/formal_sheet.html", {
        "call": call,
        "page": page,
        "row": page.row,
        "sheet": sheet,
        "rows": answers_form.rows(),
        "answers_form": answers_form,
        "reopen_form": reopen_form,
        "correction_form": correction_form,
        "open": editing and sheet.state == FormalSheet.State.OPEN,
        "unanswered": [n for n, a in enumerate(page.answers, start=1) if a.value is None],
        "rejects": rules.sheet_result([a.value for a in page.answers]) == "rejected",  # confirming asks first
        "can_reopen": editing and sheet.state in (FormalSheet.State.CONFIRMED, FormalSheet.State.APPROVED),
        "awaiting_approval": editing and call.four_eyes and sheet.state == FormalSheet.State.CONFIRMED,
        "own_confirmation": bool(sheet) and sheet.confirmed_by_id == request.user.pk,
        "errors": forms.error_summary(answers_form, reopen_form, correction_form, extra=list(errors)),
    })


def _sheet_view(view):
    """Clerks only; the offer (of this call) with its sheet, or 404."""

    @_clerks_only
    @wraps(view)
    def wrapper(request, call, offer_pk):
        page = selectors.sheet_page(call=call, offer_pk=offer_pk)
        if request.method == "POST" and page.row.sheet is None:
            raise Http404
        return view(request, call, page)

    return wrapper


@_sheet_view
def sheet(request, call, page):
    """The sheet; a POST saves the clerk's answers (and reasons)."""
    form = forms.AnswersForm(request.POST or None, answers=page.answers)
    if request.method == "POST" and form.is_valid():
        try:
            services.sheet_answer(sheet=page.row.sheet, answers=form.answers(), by=request.user)
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, _("The answers are saved."))
            return redirect(_sheet_url(call, page.row.offer.pk, "criteria"))
    return _sheet_page(request, call, page, answers_form=form)


@_sheet_view
@require_POST
def sheet_confirm(request, call, page):
    try:
        services.sheet_confirm(sheet=page.row.sheet, by=request.user)
    except ValidationError as exc:
        return _sheet_page(request, call, page, errors=exc.messages)
    if call.four_eyes:
        messages.success(request, _("The sheet is confirmed; a second clerk must confirm it too."))
    else:
        messages.success(request, _("The sheet is confirmed."))
    return redirect(_sheet_url(call, page.row.offer.pk))


@_sheet_view
@require_POST
def sheet_approve(request, call, page):
    try:
        services.sheet_approve(sheet=page.row.sheet, by=request.user)
    except ValidationError as exc:
        return _sheet_page(request, call, page, errors=exc.messages)
    messages.success(request, _("The sheet is confirmed by a second clerk."))
    return redirect(_sheet_url(call, page.row.offer.pk))


@_sheet_view
@require_POST
def sheet_reopen(request, call, page):
    form = forms.ReopenForm(request.POST)
    if form.is_valid():
        try:
            services.sheet_reopen(sheet=page.row.sheet, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The sheet is open again."))
            return redirect(_sheet_url(call, page.row.offer.pk, "criteria"))
    return _sheet_page(request, call, page, reopen_form=form)


@_sheet_view
@require_POST
def sheet_return(request, call, page):
    form = forms.CorrectionForm(request.POST)
    if form.is_valid():
        try:
            correction = services.sheet_return_for_correction(
                sheet=page.row.sheet, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(exc, form)
        else:
            messages.success(request, _("The offer is returned for correction until %(deadline)s; the applicant "
                                        "has been told.") % {"deadline": _local(correction.deadline)})
            return redirect(_sheet_url(call, page.row.offer.pk))
    return _sheet_page(request, call, page, correction_form=form)


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%d.%m.%Y %H:%M")


@_clerks_only
def offer_pdf(request, call, offer_pk, number):
    """The offer as submitted in version `number`, for the clerk (the applicant's PDF link is
    scoped to the applicant's organisations)."""
    page = selectors.sheet_page(call=call, offer_pk=offer_pk)
    version = next((v for v in page.row.offer.versions.all() if v.number == number), None)
    if version is None:
        raise Http404
    context = offer_documents.offer_context(version.data, call, version=version)
    name = "".join(ch for ch in str(version.data.get("number") or offer_pk) if ch.isalnum() or ch in "-_")
    return pdf_response(render_pdf("offers/pdf/offer.html", context), f"oferta-{name}-v{version.number}.pdf")
