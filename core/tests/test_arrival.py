"""`request.arrived_at`: the server's clock at arrival, or a trusted proxy's header, clamped."""
from datetime import UTC, datetime, timedelta

import time_machine
from django.http import HttpResponse
from django.test import RequestFactory

from core.middleware import ArrivalMiddleware, arrived_at, parse_request_start

NOW = datetime(2026, 3, 2, 12, 0, 0, tzinfo=UTC)


def _arrival(settings, header_name: str, **meta) -> datetime:
    settings.REQUEST_START_HEADER = header_name
    seen = {}

    def view(request):
        seen["at"] = request.arrived_at
        return HttpResponse()

    with time_machine.travel(NOW, tick=False):
        ArrivalMiddleware(view)(RequestFactory().post("/", **meta))
    return seen["at"]


def _micro(moment: datetime) -> str:
    return f"t={int(moment.timestamp() * 1_000_000)}"


def test_without_a_configured_header_the_server_clock_counts_and_the_header_is_ignored(settings):
    earlier = NOW - timedelta(seconds=30)
    assert _arrival(settings, "", HTTP_X_REQUEST_START=_micro(earlier)) == NOW


def test_a_configured_header_counts(settings):
    earlier = NOW - timedelta(seconds=30)
    assert _arrival(settings, "X-Request-Start", HTTP_X_REQUEST_START=_micro(earlier)) == earlier


def test_a_forged_far_past_header_is_clamped(settings):
    settings.REQUEST_START_MAX_AGE = 120
    long_ago = NOW - timedelta(days=3)
    assert _arrival(settings, "X-Request-Start", HTTP_X_REQUEST_START=_micro(long_ago)) == NOW - timedelta(seconds=120)


def test_a_header_in_the_future_is_clamped_to_now(settings):
    later = NOW + timedelta(minutes=5)
    assert _arrival(settings, "X-Request-Start", HTTP_X_REQUEST_START=_micro(later)) == NOW


def test_an_unreadable_or_missing_header_falls_back_to_the_server_clock(settings):
    assert _arrival(settings, "X-Request-Start", HTTP_X_REQUEST_START="t=yesterday") == NOW
    assert _arrival(settings, "X-Request-Start") == NOW


def test_the_header_forms_proxies_send():
    moment = datetime(2026, 3, 2, 11, 59, 30, 123000, tzinfo=UTC)
    seconds = moment.timestamp()
    assert parse_request_start(f"t={int(seconds * 1_000_000)}") == moment  # HAProxy, microseconds
    assert parse_request_start(f"t={seconds:.3f}") == moment  # nginx ${msec}
    assert parse_request_start(f"{int(seconds * 1000)}") == moment  # milliseconds
    assert parse_request_start("") is None and parse_request_start("t=nan") is None


def test_a_request_the_middleware_did_not_stamp_arrives_now():
    with time_machine.travel(NOW, tick=False):
        assert arrived_at(RequestFactory().get("/")) == NOW
