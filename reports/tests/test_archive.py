"""The call's complete public record as one ZIP: the public documents, the publication record and a
README; a PDF the worker is still preparing is named as missing, never waited for."""
import csv
import io
import zipfile
from unittest import mock

import pytest
from django.test import override_settings
from django.urls import reverse

from competition.rules import WARSAW
from competition.services import publication as publication_services
from core.pdf import tasks
from reports.tests.test_results import published  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

BIP_URL = "https://bip.example.org/wyniki"


def _zip(client, call) -> zipfile.ZipFile:
    response = client.get(reverse("reports:call_archive", kwargs={"slug": call.slug}))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert f"konkurs-{call.slug}.zip" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_archive_of_a_published_call_holds_the_announcement_and_the_record(client, reference_call, clerk):
    day = reference_call.published_at.astimezone(WARSAW).date()
    publication_services.publication_record(call=reference_call, document="announcement:0", by=clerk, place="bip",
                                            address="https://bip.example.org/ogloszenie", published_from=day)
    archive = _zip(client, reference_call)
    names = archive.namelist()
    assert names[0].startswith("01-ogloszenie-") and names[0].endswith(".pdf")
    assert archive.read(names[0]).startswith(b"%PDF")
    assert "07-rejestr-publikacji.csv" in names and "07-rejestr-publikacji.html" in names and "README.txt" in names
    assert not any("wyniki" in n for n in names)  # no results before they exist
    rows = list(csv.reader(io.StringIO(archive.read("07-rejestr-publikacji.csv").decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3  # the heading, the portal, BIP
    assert rows[2][3] == "https://bip.example.org/ogloszenie" and rows[1][3].endswith(f"/calls/{reference_call.slug}/")
    readme = archive.read("README.txt").decode()
    assert reference_call.title in readme and names[0] in readme


def test_the_archive_of_a_decided_call_holds_the_results_pdfs_saying_where_they_were_published(
        client, published, clerk):  # noqa: F811
    call, _offers = published
    day = call.results_published_at.astimezone(WARSAW).date()
    publication_services.publication_record(call=call, document="results:0", by=clerk, place="bip", address=BIP_URL,
                                            published_from=day)
    archive = _zip(client, call)
    names = archive.namelist()
    for name in ("03-wyniki-oceny-formalnej.pdf", "05-wyniki-konkursu.pdf", "06-ranking.pdf"):
        assert name in names and archive.read(name).startswith(b"%PDF")
    assert BIP_URL in archive.read("07-rejestr-publikacji.html").decode()


@override_settings(PDF_ASYNC_MIN_OFFERS=1)
def test_a_pdf_still_being_prepared_is_named_in_the_readme_and_its_build_queued(client, published):  # noqa: F811
    call, _offers = published
    with mock.patch.object(tasks.build_pdf, "delay") as delay:
        archive = _zip(client, call)
    names = archive.namelist()
    assert "05-wyniki-konkursu.pdf" not in names and "06-ranking.pdf" not in names
    assert {c.args for c in delay.call_args_list} == {("results", call.pk), ("ranking", call.pk)}
    readme = archive.read("README.txt").decode()
    assert reverse("reports:results_pdf", kwargs={"slug": call.slug}) in readme
    assert reverse("reports:ranking_pdf", kwargs={"slug": call.slug}) in readme
    tasks.build_pdf("results", call.pk)  # what the worker does
    tasks.build_pdf("ranking", call.pk)
    assert "06-ranking.pdf" in _zip(client, call).namelist()


def test_a_draft_has_no_archive(client, draft_call):
    assert client.get(reverse("reports:call_archive", kwargs={"slug": draft_call.slug})).status_code == 404
