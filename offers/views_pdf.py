"""The PDFs of an offer for its organisation's members: a submitted version, its submission
confirmation, and the live draft. Built by the PDF worker (`offers.documents`).

Access: the offer is found through `offers.selectors.offer_get_for_user`, so another
organisation's member gets 404 and an anonymous visitor is sent to log in.
"""
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect

from core.pdf.serve import respond
from offers import documents, selectors
from offers.models import Offer, OfferVersion


@login_required
def offer_confirmation_pdf(request, pk: int, number: int):
    """"Potwierdzenie złożenia oferty" of one submitted version: printed, signed, delivered."""
    offer = selectors.offer_get_for_user(pk=pk, user=request.user)
    _version(offer, number)
    return respond(request, documents.CONFIRMATION, offer.call,
                   documents.offer_subject(offer, number), back_url=offer.get_absolute_url())


@login_required
def offer_version_pdf(request, pk: int, number: int):
    """The whole offer as submitted in version `number`."""
    offer = selectors.offer_get_for_user(pk=pk, user=request.user)
    _version(offer, number)
    return respond(request, documents.OFFER, offer.call, documents.offer_subject(offer, number),
                   back_url=offer.get_absolute_url())


@login_required
def offer_draft_pdf(request, pk: int):
    """The current draft, from the live data, marked as a working copy. A submitted offer's
    current content is its latest version: that one is shown instead."""
    offer = selectors.offer_get_for_user(pk=pk, user=request.user)
    if offer.state == Offer.State.SUBMITTED:
        latest = max(offer.versions.all(), key=lambda v: v.number, default=None)
        if latest:
            return redirect("reports:offer_version_pdf", pk=offer.pk, number=latest.number)
    return respond(request, documents.OFFER, offer.call, documents.offer_subject(offer),
                   back_url=offer.get_absolute_url())


def _version(offer: Offer, number: int) -> OfferVersion:
    for version in offer.versions.all():  # prefetched by offer_get_for_user
        if version.number == number:
            return version
    raise Http404
