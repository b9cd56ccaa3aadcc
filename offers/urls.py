from django.urls import path

from offers import views_organisation

app_name = "offers"

urlpatterns = [
    path("organisations/", views_organisation.organisation_list, name="organisation_list"),
    path("organisations/new/", views_organisation.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views_organisation.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views_organisation.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/invite/", views_organisation.organisation_invite, name="organisation_invite"),
    path("invitations/<str:token>/", views_organisation.invitation_accept, name="invitation_accept"),
]
