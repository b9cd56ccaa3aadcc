"""The large PDFs are rendered once per content, kept until the data change, and for a large
call built by a worker (`core.pdf.cache`)."""
from datetime import timedelta
from decimal import Decimal as D
from unittest import mock

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from awards.models import Grant
from core.models import PdfDocument
from core.pdf import cache as pdf_cache
from core.pdf import tasks
from core.pdf.registry import owner_key
from reports.tests.test_results import published  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def _url(name: str, call) -> str:
    return reverse(f"reports:{name}", kwargs={"slug": call.slug})


@pytest.fixture
def renders():
    """Counts the WeasyPrint renders (the expensive part), still rendering for real."""
    with mock.patch("core.pdf.cache.html_to_pdf", side_effect=pdf_cache.html_to_pdf) as spy:
        yield spy


@pytest.mark.parametrize("name, kind", [("results_pdf", "results"), ("ranking_pdf", "ranking")])
def test_the_same_data_is_rendered_once_and_served_from_the_cache(client, published, renders, name, kind):  # noqa: F811
    call, _offers = published
    first = client.get(_url(name, call))
    second = client.get(_url(name, call))
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "application/pdf" and first.content == second.content
    assert renders.call_count == 1
    doc = PdfDocument.objects.get(kind=kind, owner=owner_key(call))
    assert doc.ready and doc.size == len(first.content) and len(doc.fingerprint) == 64


def test_a_change_of_the_data_renders_a_new_document_and_drops_the_old_one(client, published, renders):  # noqa: F811
    call, _offers = published
    before = client.get(_url("results_pdf", call)).content
    old = PdfDocument.objects.get(kind="results", owner=owner_key(call)).fingerprint
    grant = Grant.objects.filter(decision__call=call, awarded__gt=0).first()
    Grant.objects.filter(pk=grant.pk).update(awarded=grant.awarded - D("1.00"))  # a correction, say
    after = client.get(_url("results_pdf", call)).content
    assert renders.call_count == 2 and before != after
    assert list(PdfDocument.objects.filter(kind="results", owner=owner_key(call)).values_list("fingerprint", flat=True)) != [old]
    assert PdfDocument.objects.filter(kind="results", owner=owner_key(call)).count() == 1


def test_the_same_stored_data_gives_the_same_document_byte_for_byte(client, published):  # noqa: F811
    call, _offers = published
    first = client.get(_url("ranking_pdf", call)).content
    PdfDocument.objects.all().delete()
    assert client.get(_url("ranking_pdf", call)).content == first


@override_settings(PDF_ASYNC_MIN_OFFERS=1)
def test_a_large_call_gets_a_page_saying_the_document_is_being_prepared_and_one_build(client, published):  # noqa: F811
    call, _offers = published
    with mock.patch.object(tasks.build_pdf, "delay") as delay:
        pending = client.get(_url("ranking_pdf", call))
        again = client.get(_url("ranking_pdf", call))
    assert pending.status_code == again.status_code == 202
    assert 'id="pdf-pending"' in pending.content.decode() and 'role="status"' in pending.content.decode()
    delay.assert_called_once_with("ranking", call.pk)
    tasks.build_pdf("ranking", call.pk)  # what the worker does
    ready = client.get(_url("ranking_pdf", call))
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"


@override_settings(PDF_ASYNC_MIN_OFFERS=1)
def test_a_build_whose_worker_died_is_asked_for_again(client, published):  # noqa: F811
    call, _offers = published
    with mock.patch.object(tasks.build_pdf, "delay") as delay:
        client.get(_url("results_pdf", call))
        PdfDocument.objects.filter(kind="results").update(
            requested_at=timezone.now() - pdf_cache.PENDING_RETRY - timedelta(seconds=1))
        client.get(_url("results_pdf", call))
        client.get(_url("results_pdf", call))
    assert delay.call_count == 2


@override_settings(PDF_ASYNC_MIN_OFFERS=1)
def test_with_the_broker_down_the_reader_is_told_to_wait_and_the_next_request_queues_the_build(client, published):  # noqa: F811
    from kombu.exceptions import OperationalError

    call, _offers = published
    with mock.patch.object(tasks.build_pdf, "delay", side_effect=OperationalError("Redis is down")):
        pending = client.get(_url("ranking_pdf", call))
    assert pending.status_code == 202
    assert not PdfDocument.objects.filter(kind="ranking").exists()  # no build claimed that nobody queued
    with mock.patch.object(tasks.build_pdf, "delay") as delay:
        client.get(_url("ranking_pdf", call))
    delay.assert_called_once_with("ranking", call.pk)


@override_settings(PDF_ASYNC_MIN_OFFERS=1)
def test_with_an_eager_celery_a_large_call_is_served_at_once(client, published, renders):  # noqa: F811
    call, _offers = published
    assert client.get(_url("results_pdf", call)).status_code == 200
    assert renders.call_count == 1


def test_the_build_task_is_idempotent(published, renders):  # noqa: F811
    call, _offers = published
    tasks.build_pdf("results", call.pk)
    tasks.build_pdf("results", call.pk)
    assert renders.call_count == 1 and PdfDocument.objects.filter(kind="results").count() == 1
    assert tasks.build_pdf("results", 0) == 0  # a call deleted meanwhile


def test_the_protocol_is_cached_too_and_still_only_for_clerks(client, published, clerk, outsider):  # noqa: F811
    call, _offers = published
    url = reverse("merit_pdf:protocol", kwargs={"slug": call.slug})
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(clerk)
    assert client.get(url).status_code == 200
    assert PdfDocument.objects.filter(kind="protocol", owner=owner_key(call)).count() == 1


def test_unpublished_results_have_no_pdf_and_store_nothing(client, published):  # noqa: F811
    call, _offers = published
    type(call).objects.filter(pk=call.pk).update(results_published_at=None)
    assert client.get(_url("results_pdf", call)).status_code == 404
    assert not PdfDocument.objects.exists()
