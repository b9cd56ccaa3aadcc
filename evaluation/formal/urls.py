from django.urls import path

from evaluation.formal import views

app_name = "evaluation"

FORMAL = "manage/calls/<slug:slug>/formal/"
OFFER = FORMAL + "offers/<int:offer_pk>/"

urlpatterns = [
    path(FORMAL, views.formal_overview, name="formal_overview"),
    path(FORMAL + "start/", views.formal_start, name="formal_start"),
    path(FORMAL + "close/", views.formal_close, name="formal_close"),
    path(FORMAL + "annul/", views.call_annul, name="call_annul"),
    path(FORMAL + "history/", views.formal_history, name="formal_history"),
    path(OFFER, views.sheet, name="sheet"),
    path(OFFER + "receipt/", views.receipt_record, name="receipt_record"),
    path(OFFER + "receipt/<int:receipt_pk>/void/", views.receipt_void, name="receipt_void"),
    path(OFFER + "confirm/", views.sheet_confirm, name="sheet_confirm"),
    path(OFFER + "approve/", views.sheet_approve, name="sheet_approve"),
    path(OFFER + "reopen/", views.sheet_reopen, name="sheet_reopen"),
    path(OFFER + "return/", views.sheet_return, name="sheet_return_for_correction"),
    path(OFFER + "versions/<int:number>/offer.pdf", views.offer_pdf, name="offer_pdf"),
]
