from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from notifications import rules

WARSAW = ZoneInfo("Europe/Warsaw")
UTC = ZoneInfo("UTC")


def test_seven_days_before_keeps_the_wall_clock_across_the_autumn_change():
    deadline = datetime(2026, 10, 28, 12, 0, tzinfo=WARSAW)  # CET; seven days earlier is CEST
    moment = rules.due_moment(deadline, timedelta(days=7))
    assert (moment.hour, moment.minute, moment.day) == (12, 0, 21)
    assert moment.utcoffset() == timedelta(hours=2)
    assert deadline.astimezone(UTC) - moment.astimezone(UTC) == timedelta(days=7, hours=1)


def test_one_day_before_keeps_the_wall_clock_across_the_spring_change():
    deadline = datetime(2026, 3, 29, 9, 0, tzinfo=WARSAW)  # clocks went forward at 02:00: CEST; the day before CET
    moment = rules.due_moment(deadline, timedelta(days=1))
    assert (moment.day, moment.hour) == (28, 9)
    assert deadline.astimezone(UTC) - moment.astimezone(UTC) == timedelta(hours=23)


def test_three_hours_before_is_three_real_hours():
    deadline = datetime(2026, 10, 25, 4, 0, tzinfo=WARSAW)  # the night of the autumn change
    moment = rules.due_moment(deadline, timedelta(hours=3))
    assert deadline.astimezone(UTC) - moment.astimezone(UTC) == timedelta(hours=3)


@pytest.mark.parametrize(
    ("now_offset", "due"),
    [(timedelta(seconds=-1), False), (timedelta(0), True), (rules.STALE_AFTER, True),
     (rules.STALE_AFTER + timedelta(seconds=1), False)],
)
def test_a_reminder_is_due_from_its_moment_until_it_goes_stale(now_offset, due):
    deadline = datetime(2026, 12, 19, 23, 59, 59, tzinfo=WARSAW)
    moment = rules.due_moment(deadline, timedelta(days=7))
    assert (rules.due_now(deadline, timedelta(days=7), moment + now_offset) is not None) is due


def test_nothing_is_due_after_the_deadline():
    deadline = datetime(2026, 12, 19, 12, 0, tzinfo=WARSAW)
    assert rules.due_now(deadline, timedelta(hours=3), deadline) is None


def test_retries_back_off_then_stop():
    now = datetime(2026, 11, 23, 12, 0, tzinfo=WARSAW)
    waits = [rules.next_attempt(n, now) - now for n in range(1, rules.MAX_ATTEMPTS)]
    assert waits == list(rules.RETRY_BACKOFF)
    assert rules.next_attempt(rules.MAX_ATTEMPTS, now) is None
