"""Any dashboard view as an Excel workbook: each view hands over its tables, one sheet per table.
Every row goes through `lib.spreadsheet.append_row`, so a citizen's text is never a formula."""

import io
from dataclasses import dataclass
from datetime import date, datetime

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from civicdesk.lib.spreadsheet import append_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list]
    # columns holding a 0..1 ratio, written as Excel percentages
    percent_columns: tuple[int, ...] = ()


def _cell(value):
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
        for column in table.percent_columns:
            for (cell,) in sheet.iter_rows(min_row=4, min_col=column + 1, max_col=column + 1):
                cell.number_format = "0.0%"
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
