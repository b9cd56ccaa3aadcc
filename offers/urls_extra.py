"""The applicant's dashboard and the attachments of an offer.

No `app_name`: the including URLconf decides the namespace, and the views reverse their own
routes in whichever namespace the request came through. Include this before any catch-all
`offers/<int:pk>/<slug:section>/` route, which would otherwise swallow the attachment pages.
"""
from django.urls import path

from offers import views_attachments, views_dashboard

urlpatterns = [
    path("my/", views_dashboard.dashboard, name="offers_dashboard"),
    path("offers/<int:pk>/attachments/", views_attachments.attachment_list, name="offer_attachments"),
    path("offers/<int:pk>/attachments/<int:attachment_id>/", views_attachments.attachment_download,
         name="offer_attachment_download"),
    path("offers/<int:pk>/attachments/<int:attachment_id>/delete/", views_attachments.attachment_delete,
         name="offer_attachment_delete"),
]
