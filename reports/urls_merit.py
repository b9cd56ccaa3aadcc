"""PDFs of the merit evaluation: score sheets for signature, the summary table (`evaluation.merit`)
and the commission's protocol (`awards`), under one namespace since before they moved."""
from django.urls import path

from awards import views_protocol
from evaluation.merit import views_pdf

app_name = "merit_pdf"

urlpatterns = [
    path("commission/<slug:slug>/offers/<int:offer_pk>/sheet.pdf", views_pdf.sheet_pdf, name="sheet"),
    path("commission/<slug:slug>/sheets/<int:sheet_pk>.pdf", views_pdf.any_sheet_pdf, name="any_sheet"),
    path("commission/<slug:slug>/summary.pdf", views_pdf.summary_pdf, name="summary"),
    path("commission/<slug:slug>/protocol.pdf", views_protocol.protocol_pdf, name="protocol"),
]
