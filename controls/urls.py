"""URL patterns of control: a contract's controls and returns, a control with its findings and
answer, the documents, and the office's list of a call's controls."""
from django.urls import path

from controls import views

app_name = "controls"

CONTRACT = "grants/<int:pk>/controls/"
CONTROL = CONTRACT + "<int:number>/"
RETURN = "grants/<int:pk>/returns/<int:return_number>/"

urlpatterns = [
    path(CONTRACT, views.contract_controls, name="contract_controls"),
    path(CONTRACT + "new/", views.control_new, name="control_new"),
    path(CONTROL, views.control, name="control"),
    path(CONTROL + "record/", views.control_record, name="control_record"),
    path(CONTROL + "answer/", views.control_answer, name="control_answer"),
    path(CONTROL + "close/", views.control_close, name="control_close"),
    path(CONTROL + "protocol.pdf", views.protocol_pdf, name="protocol_pdf"),
    path("grants/<int:pk>/returns/new/", views.return_new, name="return_new"),
    path(RETURN + "paid/", views.return_paid, name="return_paid"),
    path(RETURN + "demand.pdf", views.demand_pdf, name="demand_pdf"),
    path("manage/calls/<slug:slug>/controls/", views.call_controls, name="call_controls"),
]
