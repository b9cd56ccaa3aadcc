"""The PDFs whose size the user controls (an offer, its confirmation) are built by the PDF
worker like the large documents (`worker_only` in `core.pdf.registry`): with Celery not eager
the first request answers 202 and queues one build; the worker's build is then served."""
from unittest import mock

import pytest

from core.models import PdfDocument
from core.pdf import tasks
from tests_support.factories import MembershipFactory
from tests_support.offers import make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(db):
    return MembershipFactory(organisation__legal_form="association")


@pytest.fixture
def submitted(reference_call, member):
    return make_offer(call=reference_call, organisation=member.organisation, user=member.user, submit=True)


@pytest.mark.parametrize("path, kind", [("offer.pdf", "offer"), ("confirmation.pdf", "confirmation")])
def test_an_offer_pdf_is_queued_for_the_worker_and_the_page_says_it_is_being_prepared(
        client, submitted, member, path, kind):
    client.force_login(member.user)
    url = f"/offers/{submitted.pk}/versions/1/{path}"
    with mock.patch.object(tasks.build_pdf, "delay") as delay:
        pending = client.get(url)
        again = client.get(url)
    assert pending.status_code == again.status_code == 202
    html = pending.content.decode()
    assert 'id="pdf-pending"' in html and "Dokument jest przygotowywany" in html
    assert submitted.get_absolute_url() in html
    subject = f"offer-{submitted.pk}-v1"
    delay.assert_called_once_with(kind, submitted.call_id, subject)  # one build however many ask
    tasks.build_pdf(kind, submitted.call_id, subject)  # what the worker does
    ready = client.get(url)
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"
    assert PdfDocument.objects.get(kind=kind, subject=subject).size == len(ready.content)


def test_the_draft_pdf_is_queued_too_and_each_offer_keeps_its_own_document(client, reference_call, member):
    client.force_login(member.user)
    first = make_offer(call=reference_call, organisation=member.organisation, user=member.user)
    second = make_offer(call=reference_call, organisation=member.organisation, user=member.user, codes=("A",))
    with mock.patch.object(tasks.build_pdf, "delay") as delay:
        assert client.get(f"/offers/{first.pk}/offer.pdf").status_code == 202
    delay.assert_called_once_with("offer", reference_call.pk, f"offer-{first.pk}-draft")
    tasks.build_pdf("offer", reference_call.pk, f"offer-{first.pk}-draft")
    tasks.build_pdf("offer", reference_call.pk, f"offer-{second.pk}-draft")
    assert PdfDocument.objects.filter(kind="offer", built_at__isnull=False).count() == 2  # neither drops the other
    assert client.get(f"/offers/{first.pk}/offer.pdf").status_code == 200


def test_another_organisation_cannot_ask_for_the_build(client, submitted):
    client.force_login(MembershipFactory().user)
    with mock.patch.object(tasks.build_pdf, "delay") as delay:
        assert client.get(f"/offers/{submitted.pk}/versions/1/offer.pdf").status_code == 404
    delay.assert_not_called()
