"""Every PDF of the portal is rendered here, by WeasyPrint, from a template that extends
`core/pdf/base.html` (A4, margins, "Strona x z y").

The documents are Polish legal texts, so they are rendered in the portal's language whatever
the reader's interface language is. They are tagged PDF/UA-1 (structure tree, /Lang, title
shown by viewers): the digital accessibility act asks for accessible PDFs, and WeasyPrint
gives it at no measurable cost.
"""
import os

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from core import operator
from core.pdf.scope import with_header_scope

PDF_VARIANT = "pdf/ua-1"

# Without HarfBuzz-Subset, WeasyPrint subsets fonts with fontTools, which stamps each subset with the
# current second unless SOURCE_DATE_EPOCH is set: the same data would not give the same bytes.
os.environ.setdefault("SOURCE_DATE_EPOCH", "0")


def render_html(template_name: str, context: dict, *, language: str | None = None) -> str:
    """The document's HTML: cheap, and what the PDF cache fingerprints."""
    context = {"portal_operator": operator.name(), **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        return with_header_scope(render_to_string(template_name, context))


def html_to_pdf(html: str) -> bytes:
    from weasyprint import HTML  # imported lazily: loading Pango costs time at start-up

    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(pdf_variant=PDF_VARIANT)


def render_pdf(template_name: str, context: dict, *, language: str | None = None) -> bytes:
    return html_to_pdf(render_html(template_name, context, language=language))
