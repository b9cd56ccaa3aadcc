from django.http import HttpResponse

from competition import selectors as call_selectors
from reports.pdf import render_pdf


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def announcement_pdf(request, slug):
    """The announcement as the city publishes it; drafts are 404 like the public page."""
    call = call_selectors.call_get_public(slug=slug)
    content = render_pdf(
        "reports/announcement.html",
        {"call": call, "total_budget": call_selectors.call_total_budget(call)},
    )
    return pdf_response(content, f"ogloszenie-{call.slug}.pdf")
