"""When reminders are due, as pure functions.

"7 days before a deadline" means the same Warsaw wall-clock time seven days earlier, so a
reminder before a deadline on the other side of a daylight-saving change still comes at
the expected hour; arithmetic on an aware datetime in Europe/Warsaw does exactly that.
"""
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WARSAW = ZoneInfo("Europe/Warsaw")
UTC = ZoneInfo("UTC")

SUBMISSION_REMINDERS = (("submission_7d", timedelta(days=7)), ("submission_1d", timedelta(days=1)),
                        ("submission_3h", timedelta(hours=3)))
CONFIRMATION_REMINDERS = (("confirmation_1d", timedelta(days=1)),)
SCORING_REMINDERS = (("scoring_3d", timedelta(days=3)), ("scoring_1d", timedelta(days=1)))
# The final report: (kind, days before the due day; -1 is the day after it), at 9:00 Warsaw time.
REPORT_REMINDERS = (("report_14d", 14), ("report_3d", 3), ("report_overdue", -1))
REPORT_REMINDER_HOUR = 9
NEGOTIATION_REMINDERS = (("negotiation_3d", timedelta(days=3)), ("negotiation_1d", timedelta(days=1)))

# A reminder whose moment passed longer ago than this (the portal was down) is not sent late.
STALE_AFTER = timedelta(hours=2)
RETRY_BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
MAX_ATTEMPTS = len(RETRY_BACKOFF) + 1
CLAIM_TIMEOUT = timedelta(minutes=10)  # a row claimed longer ago belonged to a worker that died


def due_moment(deadline: datetime, before: timedelta) -> datetime:
    """The moment `before` ahead of `deadline`, counted on the Warsaw wall clock for whole days."""
    local = deadline.astimezone(WARSAW)
    if before % timedelta(days=1) == timedelta(0):
        return local - before  # same wall-clock time, with that day's offset
    return (deadline.astimezone(UTC) - before).astimezone(WARSAW)  # hours are real hours


def due_now(deadline: datetime, before: timedelta, now: datetime) -> datetime | None:
    """The reminder's moment if it is due at `now` (reached, not stale, deadline not passed)."""
    moment = due_moment(deadline, before)
    if moment <= now < deadline and now - moment <= STALE_AFTER:
        return moment
    return None


def next_attempt(attempts: int, now: datetime) -> datetime | None:
    """When to retry after `attempts` failed sends (None: give up)."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return now + RETRY_BACKOFF[min(attempts, len(RETRY_BACKOFF)) - 1]


def report_reminder_moment(due: date, days_before: int) -> datetime:
    """9:00 on the Warsaw wall clock, `days_before` the report's due day (−1: the day after it)."""
    return datetime.combine(due - timedelta(days=days_before), time(REPORT_REMINDER_HOUR), tzinfo=WARSAW)


def report_reminder_now(due: date, days_before: int, now: datetime) -> datetime | None:
    """The reminder's moment if it is due at `now` (reached and not stale)."""
    moment = report_reminder_moment(due, days_before)
    if moment <= now and now - moment <= STALE_AFTER:
        return moment
    return None
