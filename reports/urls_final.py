"""URL patterns of the grantee's final report: writing it, the office's review, its PDF."""
from django.urls import path

from reports import views_final

app_name = "final_report"

REPORT = "grants/<int:pk>/report/"

urlpatterns = [
    path(REPORT, views_final.report, name="report"),
    path(REPORT + "review/", views_final.review, name="review"),
    path(REPORT + "<int:number>.pdf", views_final.report_pdf, name="pdf"),
    path(REPORT + "attachments/", views_final.attachment_add, name="attachment_add"),
    path(REPORT + "attachments/<int:attachment_id>/", views_final.attachment_download, name="attachment"),
]
