"""URL patterns of the commission member's screens of the merit evaluation."""
from django.urls import path

from evaluation.merit import views_member as views

app_name = "commission"

CALL = "commission/<slug:slug>/"
OFFER = CALL + "offers/<int:offer_pk>/"

urlpatterns = [
    path("commission/", views.home, name="home"),
    path(CALL, views.offers, name="offers"),
    path(CALL + "declarations/", views.declare_many, name="declare_many"),
    path(OFFER, views.sheet, name="sheet"),
    path(OFFER + "declaration/", views.declare, name="declare"),
    path(OFFER + "offer.pdf", views.offer_pdf, name="offer_pdf"),
]
