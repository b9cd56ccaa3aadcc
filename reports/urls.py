from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("calls/<slug:slug>/announcement.pdf", views.announcement_pdf, name="announcement_pdf"),
]
