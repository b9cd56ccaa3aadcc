"""URL patterns after the award: the grantee's dashboard, each contract with its changes, and the
office's list of a call's contracts."""
from django.urls import path

from contracts import views
from contracts.termination import views as termination_views

app_name = "contracts"

CONTRACT = "grants/<int:pk>/"
CHANGE = CONTRACT + "changes/<int:number>/"

urlpatterns = [
    path("grants/", views.dashboard, name="dashboard"),
    path(CONTRACT, views.contract, name="contract"),
    path(CONTRACT + "contract.pdf", views.contract_pdf, name="contract_pdf"),
    path(CONTRACT + "changes/new/", views.change_new, name="change_new"),
    path(CONTRACT + "terminate/", termination_views.terminate, name="terminate"),
    path(CHANGE, views.change, name="change"),
    path(CHANGE + "decide/", views.change_decide, name="change_decide"),
    path(CHANGE + "annex.pdf", views.annex_pdf, name="annex_pdf"),
    path("manage/calls/<slug:slug>/contracts/", views.call_contracts, name="call_contracts"),
    path("manage/calls/<slug:slug>/contracts/<int:offer_pk>/new/", views.contract_new, name="contract_new"),
]
