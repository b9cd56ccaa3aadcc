"""Publication of the formal check's outcome and of an annulment (art. 18a of the Act).

Both are public: the outcome of stage I as a page and a PDF once the stage is over, the
annulment notice as a PDF (the public call page shows the annulment itself). The data come from
`evaluation.formal.outcome`; nothing is stored for these documents.
"""
from django.conf import settings
from django.shortcuts import render

from core.pdf.render import render_pdf
from core.pdf.response import pdf_response
from core.replica import public_reads
from evaluation.formal.outcome import annulment_get, formal_outcome_get


@public_reads
def formal_results(request, slug):
    outcome = formal_outcome_get(slug=slug)
    return render(request, "competition/formal_results.html",
                  {"outcome": outcome, "call": outcome.call, "call_lang": settings.LANGUAGE_CODE})


def formal_results_pdf(request, slug):
    outcome = formal_outcome_get(slug=slug)
    content = render_pdf("evaluation/pdf/formal_results.html", {"outcome": outcome, "call": outcome.call,
                                                                 "as_of": outcome.closed_at})
    return pdf_response(content, f"ocena-formalna-{outcome.call.slug}.pdf")


def annulment_pdf(request, slug):
    """The annulment notice (art. 18a(2) of the Act: published the way the call was)."""
    context = annulment_get(slug=slug)
    return pdf_response(render_pdf("evaluation/pdf/annulment.html", context), f"uniewaznienie-{context['call'].slug}.pdf")
