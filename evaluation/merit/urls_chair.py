"""URL patterns of the chair's screens of the merit evaluation (progress, history, results)."""
from django.urls import path

from evaluation.merit import views_chair as views

app_name = "chair"

COMMISSION = "commission/<slug:slug>/"

urlpatterns = [
    path(COMMISSION + "progress/", views.progress, name="progress"),
    path(COMMISSION + "conflicts/<int:declaration_pk>/lift/", views.conflict_lift, name="conflict_lift"),
    path(COMMISSION + "sheets/<int:sheet_pk>/reopen/", views.sheet_reopen, name="sheet_reopen"),
    path(COMMISSION + "close/", views.close, name="close"),
    path(COMMISSION + "history/", views.history, name="history"),
    path(COMMISSION + "results/", views.results, name="results"),
]
