from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("manage/outbox/", views.outbox_list, name="outbox_list"),
]
