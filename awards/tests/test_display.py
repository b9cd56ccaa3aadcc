"""The windows of the decision page (awards.display): pure, no database."""
import pytest

from awards import display


@pytest.mark.parametrize("funded, line", [
    ([], 0), ([False, False], 0), ([True, True, False], 2), ([True, False, True, False], 3), ([True] * 4, 4),
])
def test_the_funding_line_is_after_the_last_funded_row(funded, line):
    assert display.funding_line(funded) == line


def test_a_short_list_is_shown_whole():
    window = display.window("A", [True] * 5 + [False] * 20, None)
    assert (window.start, window.stop, window.whole) == (0, 25, True)


@pytest.mark.parametrize("funded, start, stop", [
    ([True] * 100 + [False] * 900, 90, 115),   # 10 funded above the line, 15 below
    ([True] * 3 + [False] * 997, 0, 25),       # the line near the top: from the first row
    ([True] * 995 + [False] * 5, 975, 1000),   # near the end: the last 25 rows
    ([False] * 1000, 0, 25),                   # nothing funded: the top of the list
])
def test_the_page_opens_around_the_funding_line(funded, start, stop):
    window = display.window("A", funded, None)
    assert (window.start, window.stop, window.page) == (start, stop, None)
    assert window.stop - window.start == display.ABOVE + display.BELOW


@pytest.mark.parametrize("page, start, stop", [(1, 0, 25), (2, 25, 50), (40, 975, 1000), (99, 975, 1000), (0, 0, 25)])
def test_a_page_is_a_fixed_slice_and_out_of_range_is_clamped(page, start, stop):
    window = display.window("A", [True] * 1000, page)
    assert (window.start, window.stop, window.pages) == (start, stop, 40)


def test_links_keep_the_ends_and_the_neighbours_with_gaps():
    window = display.window("D", [True] * 1000, 10)
    numbers = [number for number, _query in window.links]
    assert numbers == [1, None, 8, 9, 10, 11, 12, None, 40]
    assert dict(window.links)[11] == "?action=D&page=11"
    assert display.window("", [True] * 100, 2).query(3) == "?page=3"


@pytest.mark.parametrize("params, code, page", [
    ({"action": "A", "page": "3"}, "A", 3), ({"action": "A", "page": "3"}, "D", None),
    ({"page": "2"}, "", 2), ({"action": "A", "page": "x"}, "A", None), ({}, "A", None),
])
def test_the_page_asked_for_a_list(params, code, page):
    assert display.requested_page(params, code) == page


def test_the_forms_keep_the_page_they_were_on():
    assert display.page_query({"action": "A", "page": "2", "other": "x"}) == "?action=A&page=2"
    assert display.page_query({}) == ""
