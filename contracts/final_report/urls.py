"""URL patterns of the grantee's reports: writing one, the office's review, its PDF, its
attachments; the final report at REPORT, the partial report for a budget year at PARTIAL."""
from django.urls import path

from contracts.final_report import views

app_name = "final_report"

REPORT = "grants/<int:pk>/report/"
PARTIAL = REPORT + "<int:year>/"

urlpatterns = [
    path(REPORT, views.report, name="report"),
    path(REPORT + "review/", views.review, name="review"),
    path(REPORT + "<int:number>.pdf", views.report_pdf, name="pdf"),
    path(REPORT + "attachments/", views.attachment_add, name="attachment_add"),
    path(REPORT + "attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path(PARTIAL, views.report, name="partial_report"),
    path(PARTIAL + "review/", views.review, name="partial_review"),
    path(PARTIAL + "<int:number>.pdf", views.report_pdf, name="partial_pdf"),
    path(PARTIAL + "attachments/", views.attachment_add, name="partial_attachment_add"),
    path(PARTIAL + "attachments/<int:attachment_id>/", views.attachment_download, name="partial_attachment"),
]
