from datetime import date
from decimal import Decimal as D

import pytest

from opendata import rules


@pytest.mark.parametrize("text, written", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
    ("+48 123", "'+48 123"),
    ("-5", "'-5"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'\r=1"),
    ("Stowarzyszenie Łąka", "Stowarzyszenie Łąka"),
    ("a=b", "a=b"),
    ("", ""),
])
def test_text_a_spreadsheet_would_run_as_a_formula_is_neutralised(text, written):
    assert rules.neutralise(text) == written


@pytest.mark.parametrize("value, cell", [
    (D("66200.00"), "66200,00"),
    (D("4050.5"), "4050,50"),
    (D("-12.00"), "-12,00"),  # a number, not text: no apostrophe
    (True, "1"),
    (False, "0"),
    (None, ""),
    (3, "3"),
    (date(2019, 6, 14), "2019-06-14"),
    ("=1+1", "'=1+1"),
    ("Zażółć gęślą jaźń", "Zażółć gęślą jaźń"),
])
def test_a_csv_cell_is_what_a_polish_spreadsheet_reads_as_meant(value, cell):
    assert rules.csv_cell(value) == cell


def test_json_amounts_are_numbers_and_dates_iso_text():
    assert rules.json_value(D("66200.00")) == 66200.0
    assert rules.json_value(D("0.10")) == 0.1
    assert rules.json_value(date(2019, 6, 14)) == "2019-06-14"
    assert rules.json_value("tekst") == "tekst"


@pytest.mark.parametrize("year, valid", [(1999, False), (2000, True), (2019, True), (2100, True), (2101, False)])
def test_only_plausible_years_have_a_file(year, valid):
    assert rules.year_in_range(year) is valid
