from django.urls import path

from reports import views, views_audit, views_formal, views_offers, views_results

app_name = "reports"

urlpatterns = [
    path("calls/<slug:slug>/announcement.pdf", views.announcement_pdf, name="announcement_pdf"),
    path("calls/<slug:slug>/formal-results/", views_formal.formal_results, name="formal_results"),
    path("calls/<slug:slug>/formal-results.pdf", views_formal.formal_results_pdf, name="formal_results_pdf"),
    path("calls/<slug:slug>/annulment.pdf", views_formal.annulment_pdf, name="annulment_pdf"),
    path("calls/<slug:slug>/results/", views_results.results, name="results"),
    path("calls/<slug:slug>/results.pdf", views_results.results_pdf, name="results_pdf"),
    path("calls/<slug:slug>/ranking.pdf", views_results.ranking_pdf, name="ranking_pdf"),
    path("offers/<int:pk>/versions/<int:number>/confirmation.pdf", views_offers.offer_confirmation_pdf,
         name="offer_confirmation_pdf"),
    path("offers/<int:pk>/versions/<int:number>/offer.pdf", views_offers.offer_version_pdf, name="offer_version_pdf"),
    path("offers/<int:pk>/offer.pdf", views_offers.offer_draft_pdf, name="offer_draft_pdf"),
    path("manage/offers/<int:pk>/audit/", views_audit.offer_audit, name="offer_audit"),
]
