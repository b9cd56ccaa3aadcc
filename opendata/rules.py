"""Rules of the open-data files, as pure functions: how a cell is written so that a Polish
spreadsheet reads it as the portal meant it, and nothing in it runs as a formula."""
from datetime import date, datetime
from decimal import Decimal

from core.money import format_amount, strip_grouping

# A text cell starting with one of these is read as a formula by spreadsheets (CSV injection,
# OWASP): "=HYPERLINK(...)" in an offer's title must stay text. Tab and carriage return are
# included because some spreadsheets skip them before looking for the formula's sign.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_DELIMITER = ";"  # a Polish spreadsheet's list separator: the comma is the decimal separator
CSV_BOM = "\ufeff"   # without it a spreadsheet reads UTF-8 as Windows-1250 and breaks "ąęłńóśźż"
FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def neutralise(text: str) -> str:
    """Text that a spreadsheet would take for a formula, prefixed with an apostrophe (which the
    spreadsheet shows as nothing and which makes the cell text); any other text as it is."""
    if text and text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def csv_cell(value) -> str:
    """One value as a CSV cell for a Polish spreadsheet: amounts with a decimal comma and no
    grouping (66200,00, which the spreadsheet reads as a number), dates as RRRR-MM-DD, yes/no as
    1/0, nothing as an empty cell, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return strip_grouping(format_amount(value))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return neutralise(str(value))


def json_value(value):
    """One value for JSON: amounts as numbers (a float prints the shortest decimal that reads back
    as the same number, so 66200.5 is written 66200.5 and 0.1 is 0.1), dates as ISO 8601 text."""
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years the files and the API's filters take


def year_in_range(year: int) -> bool:
    """A year whose grants may be asked for: anything else is a mistyped address, not a year."""
    return FIRST_YEAR <= year <= LAST_YEAR
