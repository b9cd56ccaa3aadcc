from datetime import datetime, timedelta, timezone

import pytest

from accounts import rules

NOW = datetime(2026, 12, 7, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("typed", ["KOLO@DEMO.LOCAL", " kolo@demo.local", "Kolo@demo.local\t", "kolo@demo.local"])
def test_every_way_of_typing_an_address_gives_one_key(typed):
    assert rules.normalise_email(typed) == "kolo@demo.local"


def test_an_empty_address_stays_empty():
    assert rules.normalise_email(None) == "" and rules.normalise_email("  ") == ""


def test_collisions_name_every_original_address():
    found = rules.email_collisions(["Kolo@demo.local", "kolo@demo.local", "other@demo.local", " KOLO@demo.local"])
    assert found == {"kolo@demo.local": [" KOLO@demo.local", "Kolo@demo.local", "kolo@demo.local"]}
    assert rules.email_collisions(["a@demo.local", "b@demo.local"]) == {}


@pytest.mark.parametrize(
    ("remote", "forwarded", "proxies", "expected"),
    [
        ("192.0.2.10", "198.51.100.7", 0, "192.0.2.10"),  # no trusted proxy: the header is ignored
        ("10.0.0.2", "203.0.113.5", 1, "203.0.113.5"),  # one proxy appended the client
        ("10.0.0.2", "198.51.100.1, 203.0.113.5", 1, "203.0.113.5"),  # the client's own prefix is not believed
        ("10.0.0.3", "198.51.100.1, 203.0.113.5, 10.0.0.2", 2, "203.0.113.5"),  # two proxies
        ("10.0.0.2", "", 1, "10.0.0.2"),  # no header: the connection
        ("10.0.0.2", "203.0.113.5", 2, "10.0.0.2"),  # shorter than the proxies: bypassed them
        ("10.0.0.2", "not-an-address", 1, "10.0.0.2"),
        ("10.0.0.2", "203.0.113.5:52100", 1, "203.0.113.5"),
        ("10.0.0.2", "[2001:db8::1]:443", 1, "2001:db8::1"),
    ],
)
def test_the_client_address_is_read_through_trusted_proxies_only(remote, forwarded, proxies, expected):
    assert rules.client_address(remote_addr=remote, forwarded_for=forwarded, trusted_proxies=proxies) == expected


def test_a_link_works_for_24_hours_and_once():
    issued = NOW - timedelta(hours=23, minutes=59)
    assert rules.enrolment_link_problem(issued_at=issued, opened_at=None, revoked_at=None, now=NOW) is None
    assert rules.enrolment_link_problem(issued_at=NOW - timedelta(hours=24), opened_at=None, revoked_at=None,
                                        now=NOW) == "expired"
    assert rules.enrolment_link_problem(issued_at=issued, opened_at=NOW, revoked_at=None, now=NOW) == "used"
    assert rules.enrolment_link_problem(issued_at=issued, opened_at=None, revoked_at=NOW, now=NOW) == "revoked"


def test_a_new_link_may_be_asked_for_every_five_minutes_and_five_times_a_day():
    assert rules.enrolment_resend_wait([], now=NOW) is None
    assert rules.enrolment_resend_wait([NOW - timedelta(minutes=2)], now=NOW) == timedelta(minutes=3)
    assert rules.enrolment_resend_wait([NOW - timedelta(minutes=5)], now=NOW) is None
    five = [NOW - timedelta(hours=hours) for hours in (20, 10, 5, 3, 1)]
    assert rules.enrolment_resend_wait(five, now=NOW) == timedelta(hours=4)
    assert rules.enrolment_resend_wait([NOW - timedelta(days=1, minutes=1)] * 5, now=NOW) is None
