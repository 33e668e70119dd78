"""Excel workbooks (openpyxl) for downloads: cells that cannot run as formulas, and a response.

A spreadsheet program treats a cell that starts with `=`, `+`, `-`, `@` (or a tab or carriage
return before them) as a formula: a name typed by a user could then run one on the reader's
machine (CSV/formula injection). `safe_value` prefixes such text with an apostrophe-like quote so
it stays text; numbers and dates are written as they are.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def safe_value(value):
    """The value to write in a cell: text that could start a formula is prefixed with `'`."""
    if value is None or isinstance(
        value, bool | int | float | Decimal | datetime.date | datetime.datetime
    ):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def write_row(sheet: Worksheet, values: Iterable) -> None:
    row = [safe_value(v) for v in values]
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never a formula, whatever it holds


def workbook(sheets: Sequence[tuple[str, Sequence, Iterable[Sequence]]]) -> bytes:
    """[(title, header, rows), ...] → the bytes of an .xlsx file."""
    book = Workbook()
    book.remove(book.active)
    for title, header, rows in sheets:
        sheet = book.create_sheet(title=str(title)[:31])
        write_row(sheet, header)
        for row in rows:
            write_row(sheet, row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets: Sequence[tuple[str, Sequence, Iterable[Sequence]]]):
    """An attachment download of the workbook; `filename` should be ASCII."""
    response = HttpResponse(workbook(sheets), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
