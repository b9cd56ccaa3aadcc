"""PDFs of the merit evaluation: score sheets for signature and the summary table."""
from django.urls import path  # noqa: F401

app_name = "merit_pdf"

urlpatterns = []
