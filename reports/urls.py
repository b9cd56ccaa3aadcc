from django.urls import path

from reports import views, views_formal, views_offers

app_name = "reports"

urlpatterns = [
    path("calls/<slug:slug>/announcement.pdf", views.announcement_pdf, name="announcement_pdf"),
    path("calls/<slug:slug>/formal-results/", views_formal.formal_results, name="formal_results"),
    path("calls/<slug:slug>/formal-results.pdf", views_formal.formal_results_pdf, name="formal_results_pdf"),
    path("calls/<slug:slug>/annulment.pdf", views_formal.annulment_pdf, name="annulment_pdf"),
    path("offers/<int:pk>/versions/<int:number>/confirmation.pdf", views_offers.offer_confirmation_pdf,
         name="offer_confirmation_pdf"),
    path("offers/<int:pk>/versions/<int:number>/offer.pdf", views_offers.offer_version_pdf, name="offer_version_pdf"),
    path("offers/<int:pk>/offer.pdf", views_offers.offer_draft_pdf, name="offer_draft_pdf"),
]
