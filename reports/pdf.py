"""Every PDF of the portal is rendered here, by WeasyPrint, from a template that extends
`reports/pdf_base.html` (A4, margins, "Strona x z y")."""
from django.conf import settings
from django.template.loader import render_to_string


def render_pdf(template_name: str, context: dict) -> bytes:
    from weasyprint import HTML  # imported lazily: loading Pango costs time at start-up

    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
