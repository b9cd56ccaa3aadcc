"""PDFs of the merit evaluation (Stage II): a member's score sheet for signature and the
commission's summary table (`evaluation.merit.documents`). Who may read what:
`evaluation.merit.permissions`; everybody else gets 404. (The protocol of the commission's work
prints the ranking and the allocation: `awards.protocol`.)"""
from django.http import Http404

from core.pdf.render import render_pdf
from core.pdf.response import pdf_response
from evaluation.merit import documents, permissions, selectors
from evaluation.merit.documents import SheetDocument, sheet_document


def _sheet_response(document: SheetDocument):
    content = render_pdf("evaluation/pdf/merit_sheet.html", {"doc": document, "call": document.call,
                                                             "as_of": document.sheet.updated_at})
    return pdf_response(content, f"karta-oceny-{document.offer.number or document.offer.pk}-{document.seat.pk}.pdf")


def sheet_pdf(request, slug: str, offer_pk: int):
    """The requesting member's own sheet for an offer; 404 without one, or when excluded from it."""
    seat = selectors.seat_get(user=request.user, slug=slug)
    offer = selectors.member_offer_get(seat=seat, offer_pk=offer_pk)
    declaration = selectors.declaration_get(seat, offer)
    if declaration is None or declaration.excludes:
        raise Http404
    sheet = documents.member_sheet_get(seat, offer)
    if sheet is None:
        raise Http404
    return _sheet_response(sheet_document(sheet, offer))


def any_sheet_pdf(request, slug: str, sheet_pk: int):
    """Any submitted sheet of the call, for the chair, the secretary and clerks."""
    call = documents.commission_call_get(slug)
    if not permissions.may_read_any_sheet(request.user, call):
        raise Http404
    sheet = documents.submitted_sheet_get(call, sheet_pk)
    return _sheet_response(sheet_document(sheet, documents.offer_get(call, sheet.offer_id)))


def summary_pdf(request, slug: str):
    call = documents.commission_call_get(slug)
    if not permissions.may_read_summary(request.user, call):
        raise Http404
    summary = documents.summary_get(call)
    content = render_pdf("evaluation/pdf/merit_summary.html", {"summary": summary, "call": call,
                                                               "as_of": summary.closed_at})
    return pdf_response(content, f"ocena-merytoryczna-{call.slug}.pdf")

