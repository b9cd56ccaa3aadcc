"""An applicant's organisations: register, edit, invite colleagues, join.

No `app_name`: these routes keep the names they had in the `offers:` namespace
(`offers:organisation_detail`, ...), so `offers/urls.py` includes them; every path is as it was.
"""
from django.urls import path

from organisations import views

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<int:pk>/invite/", views.organisation_invite, name="organisation_invite"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]
