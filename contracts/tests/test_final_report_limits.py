"""The final report: its texts are bounded (docs/limits.md) and its PDF is built by the PDF
worker (`worker_only` in `core.pdf.registry`)."""
from decimal import Decimal as D
from unittest import mock

import pytest
from django.urls import reverse

from contracts.final_report.models import FinalReport
from contracts.tests.test_views import report_data
from core import limits
from core.pdf import tasks
from tests_support.contracts import funded

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference_call, clerk, mayor):
    return funded(reference_call, clerk, mayor)


def test_an_account_of_the_work_over_its_limit_is_refused_and_kept(client, world):
    c = world.contract
    client.force_login(world.grantee)
    text = "Warsztaty odbyły się zgodnie z planem. " * (limits.LONG_TEXT // 39 + 1)
    text = text[:limits.LONG_TEXT + 3].strip()
    over = len(text) - limits.LONG_TEXT
    response = client.post(reverse("final_report:report", kwargs={"pk": c.pk}), {**report_data(c), "execution": text})
    html = response.content.decode()
    assert response.status_code == 200
    assert (f"Limit znaków w tym polu: {limits.LONG_TEXT}. Wpisany tekst ma ich {len(text)}, czyli o {over} za dużo"
            in html)
    assert text in html
    assert not FinalReport.objects.filter(contract=c, execution=text).exists()


def test_the_report_pdf_is_queued_for_the_worker(client, world):
    c = world.contract
    url = reverse("final_report:report", kwargs={"pk": c.pk})
    client.force_login(world.grantee)
    assert client.post(url, {**report_data(c, short=D("0")), "submit": "1"}).status_code == 302
    pdf = reverse("final_report:pdf", kwargs={"pk": c.pk, "number": 1})
    with mock.patch.object(tasks.build_pdf, "delay") as delay:
        pending = client.get(pdf)
    assert pending.status_code == 202 and "Dokument jest przygotowywany" in pending.content.decode()
    delay.assert_called_once_with("final_report", c.call_id, f"report-{c.pk}-v1")
    tasks.build_pdf("final_report", c.call_id, f"report-{c.pk}-v1")
    assert client.get(pdf).content.startswith(b"%PDF")
