from django.urls import path

from competition import views_pdf as call_pdf
from evaluation.formal import views_public as formal_public
from offers import views_pdf as offer_pdf
from reports import views_archive, views_audit, views_results

app_name = "reports"

# The announcement, the formal check's outcome and the offers' PDFs live with their stages; their
# paths and names stay here, as before they moved.
urlpatterns = [
    path("calls/<slug:slug>/announcement.pdf", call_pdf.announcement_pdf, name="announcement_pdf"),
    path("calls/<slug:slug>/formal-results/", formal_public.formal_results, name="formal_results"),
    path("calls/<slug:slug>/formal-results.pdf", formal_public.formal_results_pdf, name="formal_results_pdf"),
    path("calls/<slug:slug>/annulment.pdf", formal_public.annulment_pdf, name="annulment_pdf"),
    path("calls/<slug:slug>/results/", views_results.results, name="results"),
    path("calls/<slug:slug>/results.pdf", views_results.results_pdf, name="results_pdf"),
    path("calls/<slug:slug>/ranking.pdf", views_results.ranking_pdf, name="ranking_pdf"),
    path("calls/<slug:slug>/archive.zip", views_archive.call_archive, name="call_archive"),
    path("offers/<int:pk>/versions/<int:number>/confirmation.pdf", offer_pdf.offer_confirmation_pdf,
         name="offer_confirmation_pdf"),
    path("offers/<int:pk>/versions/<int:number>/offer.pdf", offer_pdf.offer_version_pdf, name="offer_version_pdf"),
    path("offers/<int:pk>/offer.pdf", offer_pdf.offer_draft_pdf, name="offer_draft_pdf"),
    path("manage/offers/<int:pk>/audit/", views_audit.offer_audit, name="offer_audit"),
]
