"""Every stage's audit row has the one shape of `core.events.Event`."""
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.utils import translation

from core.events import Event

EVENT_MODELS = ["competition.CallEvent", "offers.OfferEvent", "evaluation.FormalEvent", "evaluation.MeritEvent",
                "awards.AwardEvent", "contracts.ContractEvent", "controls.ControlEvent"]


@pytest.mark.parametrize("label", EVENT_MODELS)
def test_each_stage_event_is_an_event_ordered_by_time(label):
    model = apps.get_model(label)
    assert issubclass(model, Event)
    assert model._meta.ordering == ["at", "pk"]
    assert {"kind", "at", "by"} <= {f.name for f in model._meta.get_fields()}


def test_the_calls_event_keeps_its_changes_and_has_no_details():
    fields = {f.name for f in apps.get_model("competition.CallEvent")._meta.get_fields()}
    assert "changes" in fields and "details" not in fields


def test_an_event_reads_as_its_time_and_kind():
    model = apps.get_model("awards.AwardEvent")
    event = model(kind=model.Kind.LOCKED, at=datetime(2026, 5, 4, 13, 7, tzinfo=ZoneInfo("Europe/Warsaw")))
    with translation.override("en"):
        assert str(event) == "2026-05-04 13:07 decision made"
