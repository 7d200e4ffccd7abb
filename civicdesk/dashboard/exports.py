"""Any dashboard view as an Excel workbook: each view hands over its tables, one sheet per table.
Every row goes through `lib.spreadsheet.append_row`, so a citizen's text is never a formula.

Cells are typed for Excel, not pre-formatted text: dates are date cells shown dd/mm/yyyy (with the
time, hh:mm, for moments), ratios are numbers shown as percentages, and a cell may carry its own
format (`Formatted`) where one column mixes kinds, as in the headline table."""

import io
from dataclasses import dataclass
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from civicdesk.lib.spreadsheet import append_row
from civicdesk.lib.xlsx_stream import XLSX

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
PERCENT_FORMAT = "0.0%"


@dataclass(frozen=True)
class Formatted:
    """A value with the Excel number format it is shown in."""

    value: float | int | None
    number_format: str


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list]
    # columns holding a 0..1 ratio, written as Excel percentages
    percent_columns: tuple[int, ...] = ()


KIND_FORMATS = {"percent": PERCENT_FORMAT, "hours": "0.0", "score": "0.00", "count": "#,##0"}


def by_kind(value: float | int | None, kind: str) -> Formatted:
    """A figure of the dashboard's kind (count, percent as a 0..1 ratio, hours, score) as a typed cell."""
    if value is not None and kind == "percent":
        value = round(value, 4)
    elif value is not None and kind in ("hours", "score"):
        value = round(value, 2)
    return Formatted(value, KIND_FORMATS[kind])


def _cell(value):
    if isinstance(value, Formatted):
        return value.value
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None)
    if value is None or isinstance(value, int | float | date | str):
        return value
    return str(value)


def workbook(tables: list[Table], caption: str) -> bytes:
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    for table in tables:
        name = _sheet_name(table.title, used)
        sheet = book.create_sheet(name)
        append_row(sheet, [caption])
        sheet["A1"].font = Font(bold=True)
        sheet.append([])
        append_row(sheet, table.headers)
        for cell in sheet[3]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="F0F3F7")
        for row in table.rows:
            append_row(sheet, [_cell(value) for value in row])
            for cell, value in zip(sheet[sheet.max_row], row, strict=False):
                if isinstance(value, Formatted):
                    cell.number_format = value.number_format
                elif isinstance(value, datetime):
                    cell.number_format = DATETIME_FORMAT
                elif isinstance(value, date):
                    cell.number_format = DATE_FORMAT
        for column in table.percent_columns:
            for (cell,) in sheet.iter_rows(min_row=4, min_col=column + 1, max_col=column + 1):
                cell.number_format = PERCENT_FORMAT
        for index, header in enumerate(table.headers, start=1):
            width = max([len(str(header))] + [len(str(_cell(r[index - 1]) or "")) for r in table.rows[:200]])
            sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
        sheet.freeze_panes = "A4"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet_name(title: str, used: set[str]) -> str:
    name = "".join(ch for ch in title if ch not in "[]:*?/\\")[:28] or "Sheet"
    candidate, n = name, 2
    while candidate in used:
        candidate, n = f"{name[:25]} {n}", n + 1
    used.add(candidate)
    return candidate


def xlsx_response(tables: list[Table], filename: str, caption: str) -> HttpResponse:
    response = HttpResponse(workbook(tables, caption), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
