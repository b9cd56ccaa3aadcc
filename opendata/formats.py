"""A table written as CSV, XLSX or JSON, with the terms of re-use stated in the file itself.

- CSV: UTF-8 with a byte-order mark, semicolons between cells, a decimal comma (what a Polish
  spreadsheet opens by double click with "ąęłńóśźż" intact and amounts as numbers); the licence
  in the last column of every row, so that any row copied elsewhere still carries it.
- XLSX (openpyxl): amounts and scores as numbers with two places, dates as dates; a second sheet
  names the source, the licence and the columns.
- JSON: {"title", "source", "licence", "licence_url", "columns", "rows"}; amounts as numbers.

Text that a spreadsheet would run as a formula is neutralised in CSV and XLSX (`rules.neutralise`).
"""
import csv
import io
import json

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from opendata import rules
from opendata.tables import AMOUNT, BOOLEAN, Table


def licence() -> tuple[str, str]:
    return settings.OPEN_DATA_LICENCE, settings.OPEN_DATA_LICENCE_URL


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    out.write(rules.CSV_BOM)
    writer = csv.writer(out, delimiter=rules.CSV_DELIMITER, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([rules.neutralise(str(c.label)) for c in table.columns] + [_("licence")])
    name, _url = licence()
    for row in table.rows:
        writer.writerow([rules.csv_cell(row[c.key]) for c in table.columns] + [name])
    return out.getvalue().encode("utf-8")


def _xlsx_cell(value, kind: str):
    if value is None:
        return None
    if kind == AMOUNT:
        return float(value)
    if kind == BOOLEAN:
        return 1 if value else 0
    if isinstance(value, str):  # control characters are not allowed in the file's XML
        return rules.neutralise(ILLEGAL_CHARACTERS_RE.sub("", value))
    return value


def to_xlsx(table: Table, *, source: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("data")
    sheet.append([str(c.label) for c in table.columns])
    for row in table.rows:
        sheet.append([_xlsx_cell(row[c.key], c.kind) for c in table.columns])
    for index, column in enumerate(table.columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = 14 if column.kind != "text" else 30
        if column.kind == AMOUNT:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "#,##0.00"
        elif column.kind == "date":
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "yyyy-mm-dd"
    sheet.freeze_panes = "A2"
    about = book.create_sheet(_("about the data"))
    name, url = licence()
    for pair in ((_("title"), table.title), (_("source"), source), (_("licence"), name), (_("licence text"), url)):
        about.append([pair[0], rules.neutralise(str(pair[1]))])
    about.append([])
    about.append([_("column"), _("key in JSON and the API")])
    for column in table.columns:
        about.append([str(column.label), column.key])
    about.column_dimensions["A"].width = 32
    about.column_dimensions["B"].width = 80
    book.properties.title = str(table.title)[:255]
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_json(table: Table, *, source: str) -> bytes:
    name, url = licence()
    document = {
        "title": str(table.title),
        "source": source,
        "licence": name,
        "licence_url": url,
        "columns": [{"key": c.key, "label": str(c.label), "type": c.kind} for c in table.columns],
        "rows": [{c.key: rules.json_value(row[c.key]) for c in table.columns} for row in table.rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def write(table: Table, fmt: str, *, source: str) -> bytes:
    if fmt == "csv":
        return to_csv(table)
    if fmt == "xlsx":
        return to_xlsx(table, source=source)
    return to_json(table, source=source)
