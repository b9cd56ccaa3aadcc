from django.urls import path

from signatures import views

app_name = "signatures"

urlpatterns = [
    path("offers/<int:pk>/versions/<int:number>/signed/", views.signed_upload, name="upload"),
    path("offers/<int:pk>/versions/<int:number>/signed/<int:signed_pk>/file/", views.signed_file, name="signed_file"),
    path("offers/<int:pk>/versions/<int:number>/signed/<int:signed_pk>/report.pdf", views.report_pdf,
         name="report_pdf"),
]
