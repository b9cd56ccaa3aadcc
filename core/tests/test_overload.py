"""Reading a trusted proxy's arrival header (core/overload.py): no database, no request."""
import pytest

from core.overload import arrival_seconds, meta_key, queue_wait


@pytest.mark.parametrize("value, seconds", [
    ("t=1733580000.123", 1733580000.123),  # nginx: t=${msec}
    ("1733580000123", 1733580000.123),  # milliseconds
    ("t=1733580000123456", 1733580000.123456),  # microseconds
    (" 1733580000 ", 1733580000.0),
])
def test_the_arrival_is_read_in_seconds_whatever_the_unit(value, seconds):
    assert arrival_seconds(value) == pytest.approx(seconds)


@pytest.mark.parametrize("value, seconds", [
    ("t=1733580000.123 d=0.016", 1733580000.107),  # nginx: t=${msec} d=${request_time}
    ("t=1733580000.123 d=0.000", 1733580000.123),
    ("t=1733580000.123, d=2.5", 1733580000.123 - 2.5),
])
def test_the_proxys_own_delay_moves_the_arrival_back_to_the_first_byte(value, seconds):
    assert arrival_seconds(value) == pytest.approx(seconds)


@pytest.mark.parametrize("value", ["", "t=", "soon", "nan", "-5", "0", "t=1733580000.123 d=soon",
                                   "t=1733580000.123 d=-1", "t=1733580000.123 d=nan", "t=1733580000.123 d=7200",
                                   "d=0.5"])
def test_an_unreadable_arrival_is_none(value):
    assert arrival_seconds(value) is None


@pytest.mark.parametrize("header", ["X-Request-Start", "x-request-start", "HTTP_X_REQUEST_START"])
def test_the_header_is_found_however_it_is_configured(header):
    assert meta_key(header) == "HTTP_X_REQUEST_START"


def test_the_wait_is_now_minus_the_arrival():
    meta = {"HTTP_X_REQUEST_START": "t=1000.5"}
    assert queue_wait(meta, header="X-Request-Start", now=1031.0) == pytest.approx(30.5)
    assert queue_wait({}, header="X-Request-Start", now=1031.0) is None
