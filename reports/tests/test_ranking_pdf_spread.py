"""The ranking's chunks built by one task each on the PDF queue and joined by the task that
stores the last one (`core.pdf.spread`, `core.pdf.tasks.build_pdf_chunk`), with Celery eager as
in the tests and `make run`: the chunk tasks run in order inside the build task.

The fixture's call ranks five offers; `chunk_rows` registers the ranking with chunks of two
rows, so it is a document of three chunks.
"""
import io
import re
from contextlib import contextmanager
from datetime import timedelta
from unittest import mock

from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from core.models import PdfChunk, PdfDocument
from core.pdf import cache, chunks, spread, tasks
from core.pdf.registry import owner_key
from offers.models import Offer
from reports import documents
from reports.tests.test_ranking_pdf import chunk_rows  # noqa: F401 (fixture)
from reports.tests.test_results import published  # noqa: F401 (fixture)


def _numbers(content: bytes) -> list[str]:
    return [" ".join(re.findall(r"Strona \d+ z \d+", page.extract_text()))
            for page in PdfReader(io.BytesIO(content)).pages]


@contextmanager
def as_a_worker():
    """Eager, but a failing task is retried and then recorded failed, as a worker does, instead
    of raising in the caller (`CELERY_TASK_EAGER_PROPAGATES`)."""
    conf = tasks.build_pdf_chunk.app.conf
    propagates = conf.task_eager_propagates
    conf.task_eager_propagates = False
    try:
        yield
    finally:
        conf.task_eager_propagates = propagates


def _pending(call) -> PdfDocument:
    return PdfDocument.objects.get(kind=documents.RANKING, owner=owner_key(call), built_at__isnull=True)


# --- the join decision -----------------------------------------------------------------------------


def test_the_chunks_are_joined_once_none_is_missing_and_only_while_their_document_is_pending():
    assert spread.join_due(missing=0, pending=True)
    assert not spread.join_due(missing=1, pending=True)
    assert not spread.join_due(missing=0, pending=False)  # built meanwhile (or dropped): nothing to join


def test_only_the_chunk_that_completes_the_set_is_told_to_join(published, chunk_rows):  # noqa: F811
    call, _offers = published
    document = cache.document_of(documents.RANKING, call)
    doc, todo = spread.start(documents.RANKING, call, document)
    assert len(todo) == 3 and doc.chunks.count() == 3 and not doc.ready
    assert list(doc.chunks.order_by("index").values_list("html", flat=True)) == document.parts
    first, second, last = todo
    assert spread.store(second, b"%PDF two", 1, 5) is None
    assert spread.store(first, b"%PDF one", 1, 5) is None  # out of order: still one missing
    assert not spread.complete(doc.pk)
    assert spread.store(last, b"%PDF three", 2, 5) == doc.pk
    assert spread.complete(doc.pk)
    assert spread.store(last, b"%PDF three", 2, 5) == doc.pk  # the same task delivered again: joins again
    assert bytes(PdfChunk.objects.get(pk=last).content) == b"%PDF three"
    PdfDocument.objects.filter(pk=doc.pk).update(built_at=timezone.now())
    assert spread.store(last, b"%PDF three", 2, 5) is None  # built: never joined twice into it


def test_a_build_asked_again_queues_only_the_chunks_not_rendered_and_not_recently_sent(
        published, chunk_rows):  # noqa: F811
    call, _offers = published
    document = cache.document_of(documents.RANKING, call)
    doc, todo = spread.start(documents.RANKING, call, document)
    assert spread.start(documents.RANKING, call, document) == (doc, todo)  # written, never sent: sent again
    spread.store(todo[0], b"%PDF one", 1, 5)
    for chunk_pk in todo:
        spread.sent(chunk_pk)
    assert spread.start(documents.RANKING, call, document) == (doc, [])  # the others are on their way
    PdfChunk.objects.update(queued_at=timezone.now() - cache.PENDING_RETRY - timedelta(seconds=1))
    assert spread.start(documents.RANKING, call, document)[1] == todo[1:]  # lost: queued again, the first kept


# --- built through the tasks (eager) ---------------------------------------------------------------


def test_a_three_chunk_document_built_by_the_chunk_tasks_is_the_one_built_in_one_process(
        published, chunk_rows):  # noqa: F811
    call, _offers = published
    document = cache.document_of(documents.RANKING, call)
    whole = cache.to_pdf(document)  # the build in one process, chunk after chunk
    with mock.patch.object(tasks.build_pdf_chunk, "apply_async", wraps=tasks.build_pdf_chunk.apply_async) as sent:
        size = tasks.build_pdf(documents.RANKING, call.pk)
    assert sent.call_count == 3
    assert {c.kwargs["queue"] for c in sent.call_args_list} == {settings.QUEUE_PDF}
    doc = PdfDocument.objects.get(kind=documents.RANKING, owner=owner_key(call))
    assert doc.ready and doc.size == size > 0 and doc.fingerprint == document.fingerprint
    assert bytes(doc.content) == whole
    numbers = _numbers(bytes(doc.content))
    assert len(numbers) == chunks.page_count(whole) >= 3
    assert numbers == [f"Strona {n} z {len(numbers)}" for n in range(1, len(numbers) + 1)]
    assert not PdfChunk.objects.exists()  # cleaned up
    with mock.patch.object(tasks.build_pdf_chunk, "apply_async") as again:
        assert tasks.build_pdf(documents.RANKING, call.pk) == size  # built: nothing queued again
    again.assert_not_called()


def test_a_chunk_that_fails_once_is_retried_and_the_document_joined(published, chunk_rows):  # noqa: F811
    call, _offers = published
    render = chunks.chunk_to_pdf
    calls = []

    def flaky(html):
        calls.append(html)
        if len(calls) == 2:  # the second chunk's first try
            raise OSError("the worker lost its fonts")
        return render(html)

    with mock.patch("core.pdf.chunks.chunk_to_pdf", side_effect=flaky), as_a_worker():
        tasks.build_pdf(documents.RANKING, call.pk)
    document = cache.document_of(documents.RANKING, call)
    assert calls[1] == calls[2] == document.parts[1]  # tried again
    assert len(calls) == 3 + 1 + 1  # three chunks, one retry, the page numbers
    doc = PdfDocument.objects.get(kind=documents.RANKING, owner=owner_key(call))
    assert doc.ready and bytes(doc.content) == cache.to_pdf(document)


def test_a_chunk_that_keeps_failing_gives_up_and_leaves_the_build_to_the_claims_expiry(
        published, chunk_rows):  # noqa: F811
    call, _offers = published
    with mock.patch("core.pdf.chunks.chunk_to_pdf", side_effect=OSError("no fonts")) as render, as_a_worker():
        assert tasks.build_pdf(documents.RANKING, call.pk) == 0
    assert render.call_count == 3 * (1 + tasks.CHUNK_RETRIES)  # each chunk tried, then tried again 3 times
    assert _pending(call).chunks.filter(content__isnull=True).count() == 3  # "being prepared" until it expires


@override_settings(PDF_ASYNC_MIN_OFFERS=1)
def test_chunks_that_never_all_arrive_are_queued_again_once_the_claim_expires(
        client, published, chunk_rows):  # noqa: F811
    call, _offers = published
    url = reverse("reports:ranking_pdf", kwargs={"slug": call.slug})
    send = tasks.build_pdf_chunk.apply_async

    def lose_the_last(args, **options):
        if args[2] != max(PdfChunk.objects.values_list("pk", flat=True)):
            return send(args, **options)
        return None  # its worker host died with it, and the broker lost it

    with mock.patch.object(tasks.build_pdf_chunk, "apply_async", side_effect=lose_the_last):
        assert client.get(url).status_code == 202  # two chunks rendered, the third never comes
    assert PdfChunk.objects.filter(content__isnull=False).count() == 2
    with mock.patch.object(tasks.build_pdf, "delay") as delay:
        assert client.get(url).status_code == 202  # still being prepared, not queued twice
    delay.assert_not_called()
    expired = timezone.now() - cache.PENDING_RETRY - timedelta(seconds=1)
    PdfDocument.objects.update(requested_at=expired)
    PdfChunk.objects.update(queued_at=expired)
    with mock.patch("core.pdf.chunks.chunk_to_pdf", wraps=chunks.chunk_to_pdf) as render:
        response = client.get(url)  # the next reader after the expiry asks again
    assert response.status_code == 200
    assert render.call_count == 2  # the missing chunk and the page numbers; the two others kept
    assert bytes(response.content) == cache.to_pdf(cache.document_of(documents.RANKING, call))


def test_stale_chunks_of_an_older_content_are_never_joined_into_the_newer_document(
        published, chunk_rows):  # noqa: F811
    call, offers = published
    old = cache.document_of(documents.RANKING, call)
    doc, todo = spread.start(documents.RANKING, call, old)
    for chunk_pk in todo[:2]:
        tasks.build_pdf_chunk(documents.RANKING, call.pk, chunk_pk)
    Offer.objects.filter(pk=offers[0].pk).update(title="Tytuł poprawiony po publikacji")
    assert tasks.build_pdf_chunk(documents.RANKING, call.pk, todo[2]) == 0  # due, but its content is stale
    assert not PdfDocument.objects.filter(pk=doc.pk).exists() and not PdfChunk.objects.exists()
    tasks.build_pdf(documents.RANKING, call.pk)
    new = PdfDocument.objects.get(kind=documents.RANKING, owner=owner_key(call))
    assert new.ready and new.fingerprint != old.fingerprint
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(bytes(new.content))).pages)
    assert "Tytuł poprawiony po publikacji" in text


def test_a_chunk_of_a_document_replaced_meanwhile_does_nothing(published, chunk_rows):  # noqa: F811
    call, offers = published
    _doc, todo = spread.start(documents.RANKING, call, cache.document_of(documents.RANKING, call))
    Offer.objects.filter(pk=offers[0].pk).update(title="Tytuł poprawiony po publikacji")
    tasks.build_pdf(documents.RANKING, call.pk)  # the new content, built: the old pending one is dropped
    with mock.patch("core.pdf.chunks.chunk_to_pdf") as render:
        assert tasks.build_pdf_chunk(documents.RANKING, call.pk, todo[0]) == 0
    render.assert_not_called()
    assert PdfDocument.objects.get(kind=documents.RANKING).ready
