"""The shared list helper: pure rules without a database, then `build_listing` on the outbox's messages."""
from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import override

from core.listing import (
    Sort,
    build_listing,
    number_candidates,
    order_by,
    page_number,
    page_window,
    parse_sort,
    showing,
)
from notifications.filters import SORTS, OutboxFilter
from notifications.models import Message

NUMBER, TITLE = Sort("number", "No.", ("number", "pk")), Sort("title", "Title", ("-title", "pk"))


@pytest.mark.parametrize(("value", "pages", "expected"), [
    (None, 5, 1), ("", 5, 1), ("3", 5, 3), ("5", 5, 5), ("6", 5, 5), ("999999", 5, 5), ("0", 5, 1), ("-2", 5, 1),
    ("x", 5, 1), ("2.5", 5, 1), ("1", 0, 1), ("4", 0, 1),
])
def test_a_page_out_of_range_or_not_a_number_gives_a_page_that_exists(value, pages, expected):
    assert page_number(value, pages) == expected


@pytest.mark.parametrize(("current", "last", "expected"), [
    (1, 1, [1]), (1, 10, [1, 2, 3, 10]), (5, 10, [1, 3, 4, 5, 6, 7, 10]), (10, 10, [1, 8, 9, 10]),
])
def test_the_pager_links_the_ends_and_two_pages_around_the_current(current, last, expected):
    assert page_window(current, last) == expected


@pytest.mark.parametrize(("value", "key", "descending"), [
    ("title", "title", False), ("-title", "title", True), ("number", "number", False),
    ("password", "number", True), ("", "number", True), (None, "number", True), ("--title", "number", True),
])
def test_an_unknown_sort_gives_the_default(value, key, descending):
    sort, desc = parse_sort(value, [NUMBER, TITLE], "-number")
    assert (sort.key, desc) == (key, descending)


def test_descending_reverses_every_field():
    assert order_by(TITLE, False) == ["-title", "pk"]
    assert order_by(TITLE, True) == ["title", "-pk"]


@pytest.mark.parametrize(("typed", "expected"), [
    ("317", ["317"]), ("2019/317", ["317"]), ("17", ["017", "17"]), ("017", ["017"]), ("nr 7", ["007", "7"]),
    ("Nr. 1000", ["1000"]), ("sport", []), ("", []), ("٣١٧", []), ("3 17", []),
])
def test_an_offer_number_is_found_as_typed_and_padded(typed, expected):
    assert number_candidates(typed) == expected


def test_the_summary_line_has_the_polish_plural():
    with override("pl"):
        assert showing(1, 1, 1) == "Wyświetlono 1–1 z 1 wyniku"
        assert showing(1, 3, 3) == "Wyświetlono 1–3 z 3 wyników"
        assert showing(26, 50, 317) == "Wyświetlono 26–50 z 317 wyników"
        assert showing(0, 0, 0) == "Nic nie znaleziono."


# --- build_listing --------------------------------------------------------------------------------


def _messages(count: int) -> None:
    now = timezone.now()
    Message.objects.bulk_create(
        Message(kind=Message.Kind.SUBMISSION_1D, email=f"user{n}@example.org", object_key=f"offer:{n}",
                due_at=now - timedelta(minutes=n), subject="S", body="B", next_attempt_at=now,
                state=Message.State.FAILED if n % 2 else Message.State.SENT)
        for n in range(1, count + 1))


def _listing(query: str, **kwargs):
    return build_listing(QueryDict(query), Message.objects.all(), filterset_class=OutboxFilter, sorts=SORTS,
                         default_sort="-due", **kwargs)


@pytest.mark.django_db
def test_a_page_keeps_the_filters_in_its_links_and_counts_once(django_assert_num_queries):
    _messages(12)
    with django_assert_num_queries(2):  # the count and the page's rows
        listing = _listing("state=failed&page=2&sort=email", per_page=5)
    assert listing.page.paginator.count == 6
    assert [m.email for m in listing.rows] == ["user9@example.org"]
    assert listing.page_url(1) == "?state=failed&sort=email&page=1"
    assert listing.previous_url == "?state=failed&sort=email&page=1" and listing.next_url == ""
    assert listing.headers["email"].aria_sort == "ascending"
    assert listing.headers["email"].url == "?state=failed&sort=-email"  # the active column reverses
    assert listing.headers["due"].url == "?state=failed&sort=due" and listing.headers["due"].aria_sort == "none"
    assert listing.filtered and not listing.errors


@pytest.mark.django_db
def test_a_value_that_does_not_fit_is_left_out_and_named():
    _messages(3)
    with override("pl"):
        listing = _listing("state=nonsense&q=user1@")
    assert [m.email for m in listing.rows] == ["user1@example.org"]
    assert len(listing.errors) == 1 and listing.errors[0].startswith("Stan: ") and "pominięty" in listing.errors[0]


@pytest.mark.django_db
def test_a_search_longer_than_allowed_is_ignored_not_a_500():
    _messages(2)
    listing = _listing("q=" + "x" * 500)
    assert len(listing.rows) == 2 and listing.errors


@pytest.mark.django_db
def test_empty_parameters_stay_out_of_the_links():
    _messages(30)
    listing = _listing("q=&state=&kind=")
    assert listing.page_url(2) == "?page=2" and not listing.filtered
