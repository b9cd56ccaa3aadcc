"""URL patterns of the ranking, the allocation and the authority's decision."""
from django.urls import path

from awards import views

app_name = "awards"

DECISION = "manage/calls/<slug:slug>/decision/"

urlpatterns = [
    path("decisions/", views.decision_list, name="decision_list"),
    path(DECISION, views.decision, name="decision"),
    path(DECISION + "history/", views.history, name="history"),
    path(DECISION + "propose/", views.propose, name="propose"),
    path(DECISION + "amounts/", views.amounts, name="amounts"),
    path(DECISION + "lock/", views.lock, name="lock"),
    path(DECISION + "correct/", views.correct, name="correct"),
    path(DECISION + "publish/", views.publish, name="publish"),
]
