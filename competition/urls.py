from django.urls import path

from competition.views import commission, manage, public, publication, stages

app_name = "competition"

urlpatterns = [
    path("", public.call_list, name="call_list"),
    path("calls/<slug:slug>/", public.call_detail, name="call_detail"),
    path("manage/calls/", manage.manage_list, name="manage_list"),
    path("manage/new-call/", manage.manage_create, name="manage_create"),
    path("manage/calls/<slug:slug>/", manage.manage_detail, name="manage_detail"),
    path("manage/calls/<slug:slug>/basics/", manage.manage_basics, name="manage_basics"),
    path("manage/calls/<slug:slug>/rules/", manage.manage_rules, name="manage_rules"),
    path("manage/calls/<slug:slug>/actions/", manage.manage_actions, name="manage_actions"),
    path(
        "manage/calls/<slug:slug>/actions/<int:action_pk>/indicators/",
        manage.manage_indicators,
        name="manage_indicators",
    ),
    path("manage/calls/<slug:slug>/zones/", manage.manage_zones, name="manage_zones"),
    path("manage/calls/<slug:slug>/lpr-projects/", manage.manage_lpr, name="manage_lpr"),
    path("manage/calls/<slug:slug>/formal-criteria/", manage.manage_formal, name="manage_formal"),
    path("manage/calls/<slug:slug>/merit-criteria/", manage.manage_merit, name="manage_merit"),
    path(
        "manage/calls/<slug:slug>/merit-criteria/<int:criterion_pk>/",
        manage.manage_merit_parts,
        name="manage_merit_parts",
    ),
    path("manage/calls/<slug:slug>/validate/", stages.manage_validate, name="manage_validate"),
    path("manage/calls/<slug:slug>/transition/", stages.manage_transition, name="manage_transition"),
    path("manage/calls/<slug:slug>/copy/", stages.manage_copy, name="manage_copy"),
    path("manage/calls/<slug:slug>/history/", stages.manage_history, name="manage_history"),
    path("manage/calls/<slug:slug>/commission/", commission.manage_commission, name="manage_commission"),
    path("manage/calls/<slug:slug>/publication/", publication.manage_publication, name="manage_publication"),
    path("manage/calls/<slug:slug>/publication/<int:entry_pk>/", publication.manage_publication_edit,
         name="manage_publication_edit"),
    path("manage/calls/<slug:slug>/publication/<int:entry_pk>/remove/", publication.manage_publication_remove,
         name="manage_publication_remove"),
]
