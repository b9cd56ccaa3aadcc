"""Automatic formal checks at their boundaries, in Warsaw time across daylight-saving changes."""
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from evaluation.formal import rules

WARSAW = ZoneInfo("Europe/Warsaw")


@pytest.fixture(autouse=True)
def _polish():
    with translation.override("pl"):
        yield


def facts(receipt_at=None, *, signed=True, mismatched=0):
    return rules.OfferFacts(submitted_at=None, receipt_at=receipt_at, receipt_signed=signed if receipt_at else None,
                            mismatched_receipts=mismatched, offerors=[], zone_count=0)


# The delivery deadline 15:30 on a day in summer time (CEST, UTC+2) and one in winter time (CET, UTC+1):
# 2019-05-22 is the reference call's; 2026-10-26 is the day after the autumn change, 2026-03-30 after the spring one.
DEADLINES = [
    datetime(2019, 5, 22, 15, 30, tzinfo=WARSAW),
    datetime(2026, 10, 26, 15, 30, tzinfo=WARSAW),
    datetime(2026, 3, 30, 15, 30, tzinfo=WARSAW),
]


@pytest.mark.parametrize("deadline", DEADLINES, ids=["summer", "after-autumn-change", "after-spring-change"])
@pytest.mark.parametrize(("offset", "on_time"), [(timedelta(0), True), (timedelta(seconds=1), False),
                                                 (timedelta(seconds=-1), True)])
def test_confirmation_received_at_the_deadline_second(deadline, offset, on_time):
    assert rules.confirmation_on_time(facts(deadline + offset), deadline).value is on_time


def test_the_deadline_is_the_warsaw_wall_clock_not_utc():
    deadline = datetime(2026, 10, 26, 15, 30, tzinfo=WARSAW)  # CET: 14:30 UTC
    received_utc = datetime(2026, 10, 26, 14, 30, 1, tzinfo=ZoneInfo("UTC"))
    assert rules.confirmation_on_time(facts(received_utc), deadline).value is False
    received_utc = datetime(2026, 10, 26, 14, 30, 0, tzinfo=ZoneInfo("UTC"))
    assert rules.confirmation_on_time(facts(received_utc), deadline).value is True


def test_the_reason_shows_warsaw_time():
    deadline = datetime(2019, 5, 22, 15, 30, tzinfo=WARSAW)
    check = rules.confirmation_on_time(facts(deadline + timedelta(seconds=1)), deadline)
    assert "22.05.2019 15:30:01" in check.reason and "22.05.2019 15:30:00" in check.reason


def test_no_receipt_fails_and_says_so():
    check = rules.confirmation_on_time(facts(), DEADLINES[0])
    assert check.value is False and "22.05.2019" in check.reason


def test_only_mismatching_receipts_fail_with_the_mismatch_named():
    check = rules.confirmation_on_time(facts(mismatched=1), DEADLINES[0])
    assert check.value is False and "1" in check.reason


def test_an_unsigned_confirmation_fails():
    assert rules.confirmation_on_time(facts(DEADLINES[0], signed=False), DEADLINES[0]).value is False


@pytest.mark.parametrize(("offset", "ok"), [(timedelta(0), True), (timedelta(seconds=1), False)])
def test_submitted_on_time(offset, ok):
    deadline = datetime(2019, 5, 20, 23, 59, 59, tzinfo=WARSAW)
    assert rules.submitted_on_time(deadline + offset, deadline).value is ok


def test_eligible_entity_names_the_ineligible_offeror():
    labels = {"association": "stowarzyszenie", "company": "spółka"}
    check = rules.eligible_entity([("A", "association"), ("B sp. z o.o.", "company")], ["association"], labels)
    assert check.value is False and "B sp. z o.o. (spółka)" in check.reason
    assert rules.eligible_entity([("A", "association")], ["association"], labels).value is True


@pytest.mark.parametrize(("count", "ok"), [(0, False), (1, True), (7, True)])
def test_zones_covered(count, ok):
    assert rules.zones_covered(count).value is ok


@pytest.mark.parametrize(
    ("read", "ok"),
    [
        ("b0d9 6814 95fc e702 847b 09c9 6579 dfed 9403 574a 42b8 f148 b799 7083 9641 8d0d", True),
        ("B0D968 14-95FC", True),  # a prefix of at least 8 digits, case and separators ignored
        ("001/1/b0d96814", True),  # the printed entry code
        ("b0d9681", False),  # too short to tell
        ("001/1/c0d96814", False),
        ("b0d9 6814 95fc e702 847b 09c9 6579 dfed 9403 574a 42b8 f148 b799 7083 9641 8d0e", False),
    ],
)
def test_control_sum_read_from_paper(read, ok):
    checksum = "b0d9681495fce702847b09c96579dfed9403574a42b8f148b799708396418d0d"
    assert rules.checksum_matches(read, checksum) is ok


@pytest.mark.parametrize(("answers", "result"), [([True, True], "admitted"), ([True, False], "rejected"),
                                                 ([True, None], None), ([], "admitted")])
def test_sheet_result(answers, result):
    assert rules.sheet_result(answers) == result


@pytest.mark.parametrize(
    ("value", "auto", "reason", "needs_reason"),
    [(True, True, "", False), (False, False, "", True), (False, False, "brak podpisu", False),
     (True, False, "", True), (True, False, "podpis złożony później, w terminie", False), (None, None, "", True),
     (True, None, "", False)],
)
def test_a_no_or_an_override_needs_a_reason(value, auto, reason, needs_reason):
    assert (rules.answer_reason_error(value, auto, reason) is not None) is needs_reason


@pytest.mark.parametrize(("states", "four_eyes", "ok"), [
    (["confirmed", "approved"], False, True), (["confirmed"], True, False), (["approved"], True, True),
    (["open", "confirmed"], False, False), (["returned"], False, False), ([], False, True)])
def test_when_the_stage_can_close(states, four_eyes, ok):
    assert rules.can_close(states, four_eyes=four_eyes) is ok
