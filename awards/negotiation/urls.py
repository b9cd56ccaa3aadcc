"""URL patterns of the negotiation of lower grants and the re-allocation of freed money."""
from django.urls import path

from awards.negotiation import views

app_name = "negotiation"

urlpatterns = [
    path("offers/<int:pk>/negotiation/withdraw/", views.withdraw, name="withdraw"),
    path("offers/<int:pk>/grant/withdraw/", views.award_withdraw, name="award_withdraw"),
    path("manage/calls/<slug:slug>/decision/negotiation/<int:offer_pk>/extend/", views.negotiation_extend,
         name="negotiation_extend"),
    path("manage/calls/<slug:slug>/decision/reallocation/", views.reallocation, name="reallocation"),
    path("manage/calls/<slug:slug>/decision/reallocation/confirm/", views.reallocation_confirm,
         name="reallocation_confirm"),
]
