"""The call's announcement as a PDF, as the city publishes it."""
from competition import selectors as call_selectors
from competition.announcement import ANNOUNCEMENT_TEMPLATE, announcement_context
from core.pdf.render import render_pdf
from core.pdf.response import pdf_response


def announcement_pdf(request, slug):
    """The announcement as the city publishes it; drafts are 404 like the public page."""
    call = call_selectors.call_get_public(slug=slug)
    content = render_pdf(ANNOUNCEMENT_TEMPLATE, announcement_context(call))
    return pdf_response(content, f"ogloszenie-{call.slug}.pdf")
