from django.urls import path

from offers import views, views_organisation

app_name = "offers"

urlpatterns = [
    path("organisations/", views_organisation.organisation_list, name="organisation_list"),
    path("organisations/new/", views_organisation.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views_organisation.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views_organisation.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/invite/", views_organisation.organisation_invite, name="organisation_invite"),
    path("partner-invitations/<int:pk>/answer/", views_organisation.partner_answer, name="partner_answer"),
    path("invitations/<str:token>/", views_organisation.invitation_accept, name="invitation_accept"),
    # Writing, submitting and withdrawing offers (offers/views.py).
    path("calls/<slug:slug>/offers/new/", views.offer_create, name="offer_create"),
    path("offers/", views.offer_list, name="offer_list"),
    path("offers/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("offers/<int:pk>/submit/", views.offer_submit, name="offer_submit"),
    path("offers/<int:pk>/withdraw/", views.offer_withdraw, name="offer_withdraw"),
    path("offers/<int:pk>/<slug:section>/", views.offer_step, name="offer_step"),
]
