from django.urls import include, path

from offers import views, views_partners

app_name = "offers"

urlpatterns = [
    # An applicant's organisations (organisations/urls.py), under their old names in this namespace.
    path("", include("organisations.urls")),
    path("partner-invitations/<int:pk>/answer/", views_partners.partner_answer, name="partner_answer"),
    # Writing, submitting and withdrawing offers (offers/views.py).
    path("calls/<slug:slug>/offers/new/", views.offer_create, name="offer_create"),
    path("offers/", views.offer_list, name="offer_list"),
    path("offers/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("offers/<int:pk>/submit/", views.offer_submit, name="offer_submit"),
    path("offers/<int:pk>/withdraw/", views.offer_withdraw, name="offer_withdraw"),
    path("offers/<int:pk>/next-steps/", views.offer_next_steps, name="offer_next_steps"),
    path("offers/<int:pk>/<slug:section>/", views.offer_step, name="offer_step"),
]
