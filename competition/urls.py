from django.urls import path

from competition import views, views_manage

app_name = "competition"

urlpatterns = [
    path("", views.call_list, name="call_list"),
    path("calls/<slug:slug>/", views.call_detail, name="call_detail"),
    path("manage/calls/", views_manage.manage_list, name="manage_list"),
]
