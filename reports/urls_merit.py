"""PDFs of the merit evaluation: score sheets for signature and the summary table."""
from django.urls import path

from reports import views_merit, views_protocol

app_name = "merit_pdf"

urlpatterns = [
    path("commission/<slug:slug>/offers/<int:offer_pk>/sheet.pdf", views_merit.sheet_pdf, name="sheet"),
    path("commission/<slug:slug>/sheets/<int:sheet_pk>.pdf", views_merit.any_sheet_pdf, name="any_sheet"),
    path("commission/<slug:slug>/summary.pdf", views_merit.summary_pdf, name="summary"),
    path("commission/<slug:slug>/protocol.pdf", views_protocol.protocol_pdf, name="protocol"),
]
