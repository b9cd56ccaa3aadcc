from datetime import timedelta

import pytest

from competition import services
from demo import reference_document
from competition.models import Call
from competition.rules import CallDocumentError


def test_shift_dates_keeps_warsaw_wall_clock_whatever_the_offset():
    doc = {"submission_deadline": "2019-05-20T21:59:59+00:00", "announcement_date": "2019-04-24"}
    shifted = services.shift_dates(doc, timedelta(days=1))
    assert shifted["submission_deadline"] == "2019-05-21T23:59:59"
    assert shifted["announcement_date"] == "2019-04-25"


def test_shift_dates_across_daylight_saving_keeps_the_hour():
    doc = {"confirmation_deadline": "2019-05-22T15:30:00+02:00"}
    shifted = services.shift_dates(doc, timedelta(days=200))  # lands in winter time
    assert shifted["confirmation_deadline"].endswith("T15:30:00")


@pytest.mark.django_db
def test_unique_slug_transliterates_polish_letters():
    assert services.unique_slug("Białystok – łąki źródła") == "bialystok-laki-zrodla"


@pytest.mark.django_db
def test_unique_slug_adds_a_number_when_taken(draft_call):
    assert services.unique_slug(draft_call.slug) == f"{draft_call.slug}-2"


@pytest.mark.django_db
def test_import_reports_model_limits_as_field_errors():
    doc = reference_document()
    doc["order_number"] = "9" * 81
    with pytest.raises(CallDocumentError) as exc:
        services.call_import(document=doc)
    assert {e.path for e in exc.value.errors} == {"order_number"}
    assert Call.objects.count() == 0
