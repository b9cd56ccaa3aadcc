"""URL patterns of the grantee's final report: writing it, the office's review, its PDF."""
from django.urls import path

from contracts.final_report import views

app_name = "final_report"

REPORT = "grants/<int:pk>/report/"

urlpatterns = [
    path(REPORT, views.report, name="report"),
    path(REPORT + "review/", views.review, name="review"),
    path(REPORT + "<int:number>.pdf", views.report_pdf, name="pdf"),
    path(REPORT + "attachments/", views.attachment_add, name="attachment_add"),
    path(REPORT + "attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
]
