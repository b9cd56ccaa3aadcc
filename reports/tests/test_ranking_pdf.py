"""The ranking PDF: its columns, its rendering in chunks of rows joined with continuous page
numbers (`core.pdf.chunks`), its build when the results are published or corrected
(`core.pdf.prebuild`), and a new document when a correction changes the results."""
import dataclasses
import io
import re
from decimal import Decimal as D
from unittest import mock

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader

from awards import services as award_services
from awards.models import Decision, Grant
from core.models import PdfDocument
from core.pdf import cache, chunks, prebuild, registry, tasks
from core.pdf.registry import owner_key
from reports import documents, selectors_results
from reports.tests.test_results import build, published  # noqa: F401 (fixture)
from tests_support.pdf import pdf_text

pytestmark = pytest.mark.django_db


def _url(name: str, call) -> str:
    return reverse(f"reports:{name}", kwargs={"slug": call.slug})


def _pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


@pytest.fixture
def chunk_rows():
    """The ranking registered with chunks of two rows (the fixture's call ranks five offers)."""
    entry = registry.get(documents.RANKING)
    with mock.patch.dict(registry._KINDS, {entry.kind: dataclasses.replace(entry, chunk_rows=2)}):
        yield


def test_the_ranking_prints_place_number_offerors_title_score_requested_awarded_and_why(client, published):  # noqa: F811
    call, offers = published
    text = pdf_text(client.get(_url("ranking_pdf", call)))
    flat = re.sub(r"\s+", " ", text)
    html = cache.document_of(documents.RANKING, call).parts[0]
    header = re.findall(r"<th[^>]*>(.*?)</th>", re.search(r"<thead>(.*?)</thead>", html, re.S).group(1))
    assert header == ["Miejsce", "Nr oferty", "Oferent(ci)", "Tytuł zadania publicznego", "Ocena ostateczna",
                      "Wnioskowana dotacja (zł)", "Przyznana dotacja (zł)",
                      "Przyczyna braku dotacji lub dotacji niższej niż wnioskowana"]
    assert "Wnioskowana" in flat and "Przyznana" in flat and "Ocena" in flat
    assert "Działanie A" not in flat and "Dotacja łącznie" not in flat  # no grants per action, no criteria
    assert "Fundacja" in flat and "Żubr 1" in flat and offers[0].title[:20] in flat  # a narrow cell may wrap
    assert "8 100,00" in flat and "0,00" in flat
    # each offer's public reason, as the results page words it (`awards.rules.public_reason`)
    reasons = [row.reason for row in selectors_results.results_get(call).ranking if row.reason]
    assert reasons
    body = re.sub(r"\s+", " ", re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1))
    for reason in reasons:
        assert escape(reason) in body


def test_a_ranking_of_more_rows_than_a_chunk_is_rendered_in_chunks_with_the_head_first_and_the_end_last(
        published, chunk_rows):  # noqa: F811
    call, _offers = published
    document = cache.document_of(documents.RANKING, call)
    assert len(document.parts) == 3  # five ranked offers, two a chunk
    heads = ["<h1>" in part for part in document.parts]
    ends = ["Statystyki konkursu" in part for part in document.parts]
    assert heads == [True, False, False] and ends == [False, False, True]
    assert all("<thead>" in part for part in document.parts)  # each chunk's table has its header
    assert sum(part.count('<td class="num score">') for part in document.parts) == 5


def test_the_joined_pdf_numbers_its_pages_continuously_and_keeps_every_row(published, chunk_rows):  # noqa: F811
    call, offers = published
    document = cache.document_of(documents.RANKING, call)
    parts = [chunks.chunk_to_pdf(html) for html in document.parts]
    counts = [chunks.page_count(part) for part in parts]
    content = cache.to_pdf(document)
    pages = _pages(content)
    assert len(pages) == sum(counts) >= 3
    for number, text in enumerate(pages, start=1):
        assert len(re.findall(r"Strona \d+ z \d+", text)) == 1
        assert f"Strona {number} z {len(pages)}" in text
        assert "Ranking ofert – Zarządzenie nr 150/2019" in text  # the footer of every page
    whole = "\n".join(pages)
    assert whole.count("Ranking ofert\n") == 1 and whole.count("Statystyki konkursu") == 1  # head once, end once
    assert "Statystyki konkursu" not in "".join(pages[:counts[0] + counts[1]])
    for offer in offers[:4] + offers[5:]:
        assert len(re.findall(rf"(^|\s){offer.number}\s", whole)) == 1
    reader = PdfReader(io.BytesIO(content))
    assert reader.metadata.title.startswith("Ranking ofert") and str(reader.trailer["/Root"]["/Lang"]) == "pl"


def test_the_joined_pdf_is_the_same_bytes_for_the_same_data(published, chunk_rows):  # noqa: F811
    call, _offers = published
    assert cache.to_pdf(cache.document_of(documents.RANKING, call)) == \
        cache.to_pdf(cache.document_of(documents.RANKING, call))


def test_a_ranking_within_one_chunk_is_one_render_numbered_by_weasyprint(published):  # noqa: F811
    call, _offers = published
    document = cache.document_of(documents.RANKING, call)
    assert len(document.parts) == 1 and "pdf_unnumbered" not in document.parts[0]
    assert 'counter(pages)' in document.parts[0]  # numbered by WeasyPrint itself
    with mock.patch("core.pdf.chunks.join") as join:
        cache.to_pdf(document)
    join.assert_not_called()


def test_the_chunked_document_is_served_and_cached_through_the_view(client, published, chunk_rows):  # noqa: F811
    call, _offers = published
    response = client.get(_url("ranking_pdf", call))
    assert response.status_code == 200
    pages = _pages(response.content)
    assert f"Strona {len(pages)} z {len(pages)}" in pages[-1]
    doc = PdfDocument.objects.get(kind="ranking", owner=owner_key(call))
    assert doc.fingerprint == cache.document_of(documents.RANKING, call).fingerprint
    assert client.get(_url("ranking_pdf", call)).content == response.content


# --- built when the results are published or corrected ------------------------------------------------


@override_settings(PDF_ASYNC_MIN_OFFERS=1)
def test_publishing_the_results_builds_both_pdfs_after_the_commit(reference_call, clerk, mayor,
                                                                  django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call, _offers = build(reference_call, clerk, mayor)
    built = PdfDocument.objects.filter(owner=owner_key(call), built_at__isnull=False)
    assert set(built.values_list("kind", flat=True)) == {"results", "ranking"}
    for kind in ("results", "ranking"):  # the documents of the data as they stand: served, not built again
        assert built.get(kind=kind).fingerprint == cache.document_of(kind, call).fingerprint


@override_settings(PDF_ASYNC_MIN_OFFERS=1)
def test_the_build_is_queued_only_once_the_publication_commits(reference_call, clerk, mayor):
    call, _offers = build(reference_call, clerk, mayor, publish=False)
    with mock.patch.object(tasks.build_pdf, "delay") as delay:
        with mock.patch("django.db.transaction.on_commit") as on_commit:
            award_services.results_publish(call=call, by=clerk)
        delay.assert_not_called()  # nothing before the commit
        for callback in on_commit.call_args_list:  # the commit (the results page's warm-up runs too)
            callback.args[0]()
    assert sorted(c.args for c in delay.call_args_list) == [("ranking", call.pk), ("results", call.pk)]


def test_a_small_call_is_not_built_ahead_its_pdfs_render_in_the_request(published):  # noqa: F811
    call, _offers = published
    with mock.patch.object(tasks.build_pdf, "delay") as delay:
        assert prebuild.enqueue(["results", "ranking"], call) == []
    delay.assert_not_called()


@override_settings(PDF_ASYNC_MIN_OFFERS=1)
def test_a_correction_after_publication_builds_the_new_ranking_and_drops_the_stale_one(
        client, published, mayor, django_capture_on_commit_callbacks):  # noqa: F811
    call, offers = published
    assert client.get(_url("ranking_pdf", call)).status_code == 200  # built and cached (eager worker)
    old = PdfDocument.objects.get(kind="ranking", owner=owner_key(call))
    decision = Decision.objects.get(call=call)
    grant = Grant.objects.filter(decision=decision, offer=offers[5], awarded__gt=0).first()
    with django_capture_on_commit_callbacks(execute=True):
        award_services.decision_correct(decision=decision, amounts={grant.pk: str(grant.awarded - D("100.00"))},
                                        reason="Omyłka rachunkowa", by=mayor)
    new = PdfDocument.objects.get(kind="ranking", owner=owner_key(call))
    assert new.ready and new.fingerprint != old.fingerprint  # built before anyone asked; the old one is gone
    with mock.patch("core.pdf.cache.to_pdf") as render:
        response = client.get(_url("ranking_pdf", call))
    render.assert_not_called()
    assert response.content == bytes(new.content)
    assert re.search(r"(?<![\d,])1 800,00", re.sub(r"\s+", " ", pdf_text(response)))  # 1 900,00 less 100,00


@override_settings(PDF_ASYNC_MIN_OFFERS=1)
def test_a_reader_during_the_build_gets_being_prepared_and_queues_no_second_build(client, published):  # noqa: F811
    call, _offers = published
    PdfDocument.objects.all().delete()
    seen = {}

    def render(document):
        with mock.patch.object(tasks.build_pdf, "delay") as delay:
            seen["status"] = client.get(_url("ranking_pdf", call)).status_code
        seen["queued"] = delay.call_count
        return b"%PDF-1.7 built"

    with mock.patch("core.pdf.cache.to_pdf", side_effect=render):
        tasks.build_pdf("ranking", call.pk)
    assert seen == {"status": 202, "queued": 0}
    assert PdfDocument.objects.get(kind="ranking").ready


def test_the_build_of_a_document_no_longer_public_does_nothing(published):  # noqa: F811
    call, _offers = published
    type(call).objects.filter(pk=call.pk).update(results_published_at=None)
    assert tasks.build_pdf("ranking", call.pk) == 0
    assert not PdfDocument.objects.exists()
