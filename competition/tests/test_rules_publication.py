"""The rules of the publication record, on plain values (no database)."""
from datetime import date, datetime, timedelta, timezone

import pytest

from competition import rules_publication as rules

TODAY = date(2019, 6, 20)
MADE = date(2019, 6, 10)


def _errors(place="bip", address="https://bip.example.org/a", published_from=MADE, published_until=None):
    return rules.entry_errors(place=place, address=address, published_from=published_from,
                              published_until=published_until, today=TODAY, made_on=MADE)


def test_a_complete_bip_entry_has_no_error():
    assert _errors() == {}


@pytest.mark.parametrize("address", ["", "bip.example.org/a", "ftp://bip.example.org/a", "tablica w holu"])
def test_bip_and_website_need_a_web_address(address):
    assert "address" in _errors(address=address)
    assert "address" in _errors(place="website", address=address)


def test_a_notice_board_needs_no_address_but_another_place_needs_a_description():
    assert _errors(place="notice_board", address="") == {}
    assert "address" in _errors(place="other", address="  ")
    assert _errors(place="other", address="Gazeta lokalna, nr 24/2019") == {}


def test_a_date_in_the_future_is_refused():
    errors = _errors(published_from=TODAY + timedelta(days=1))
    assert "21.06.2019" in errors["published_from"]


def test_a_publication_before_the_document_existed_is_refused():
    errors = _errors(published_from=MADE - timedelta(days=1))
    assert "10.06.2019" in errors["published_from"] and "09.06.2019" in errors["published_from"]


def test_the_notice_board_end_date_is_not_before_the_start_nor_in_the_future():
    assert "published_until" in _errors(place="notice_board", address="", published_from=date(2019, 6, 12),
                                        published_until=date(2019, 6, 11))
    assert "published_until" in _errors(place="notice_board", address="", published_until=TODAY + timedelta(days=2))
    assert _errors(place="notice_board", address="", published_until=MADE) == {}


def test_only_a_notice_board_has_an_end_date():
    assert "published_until" in _errors(published_until=TODAY)


@pytest.mark.parametrize(("document", "recorded", "missing"), [
    ("announcement", {"website"}, ["bip", "notice_board"]),
    ("announcement", {"website", "bip", "notice_board"}, []),
    ("results", {"website", "bip"}, ["notice_board"]),
    ("annulment", {"website", "other"}, ["bip", "notice_board"]),
    ("formal_results", {"website"}, []),
])
def test_the_places_the_act_requires(document, recorded, missing):
    assert rules.missing_places(document, recorded) == missing


def test_the_reminder_is_due_a_day_after_the_document_and_not_for_old_documents():
    made = datetime(2019, 6, 10, 9, tzinfo=timezone.utc)
    assert rules.reminder_moment(made, made + timedelta(hours=23)) is None
    assert rules.reminder_moment(made, made + timedelta(days=1)) == made + timedelta(days=1)
    assert rules.reminder_moment(made, made + timedelta(days=3)) == made + timedelta(days=1)
    assert rules.reminder_moment(made, made + rules.REMINDER_STALE + timedelta(minutes=1)) is None
