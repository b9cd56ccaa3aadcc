from django.urls import path

from competition import views, views_commission, views_manage

app_name = "competition"

urlpatterns = [
    path("", views.call_list, name="call_list"),
    path("calls/<slug:slug>/", views.call_detail, name="call_detail"),
    path("manage/calls/", views_manage.manage_list, name="manage_list"),
    path("manage/new-call/", views_manage.manage_create, name="manage_create"),
    path("manage/calls/<slug:slug>/", views_manage.manage_detail, name="manage_detail"),
    path("manage/calls/<slug:slug>/basics/", views_manage.manage_basics, name="manage_basics"),
    path("manage/calls/<slug:slug>/actions/", views_manage.manage_actions, name="manage_actions"),
    path(
        "manage/calls/<slug:slug>/actions/<int:action_pk>/indicators/",
        views_manage.manage_indicators,
        name="manage_indicators",
    ),
    path("manage/calls/<slug:slug>/zones/", views_manage.manage_zones, name="manage_zones"),
    path("manage/calls/<slug:slug>/lpr-projects/", views_manage.manage_lpr, name="manage_lpr"),
    path("manage/calls/<slug:slug>/formal-criteria/", views_manage.manage_formal, name="manage_formal"),
    path("manage/calls/<slug:slug>/merit-criteria/", views_manage.manage_merit, name="manage_merit"),
    path(
        "manage/calls/<slug:slug>/merit-criteria/<int:criterion_pk>/",
        views_manage.manage_merit_parts,
        name="manage_merit_parts",
    ),
    path("manage/calls/<slug:slug>/validate/", views_manage.manage_validate, name="manage_validate"),
    path("manage/calls/<slug:slug>/transition/", views_manage.manage_transition, name="manage_transition"),
    path("manage/calls/<slug:slug>/copy/", views_manage.manage_copy, name="manage_copy"),
    path("manage/calls/<slug:slug>/history/", views_manage.manage_history, name="manage_history"),
    path("manage/calls/<slug:slug>/commission/", views_commission.manage_commission, name="manage_commission"),
]
