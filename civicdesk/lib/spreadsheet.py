"""Text that people typed, written into a spreadsheet as text — never as a formula.

A citizen controls a case's title and content; a title such as ``=HYPERLINK("http://…","Xem")`` or
``@SUM(…)`` written as-is into a CSV or xlsx file becomes a live formula in Excel, LibreOffice or
Google Sheets when a leader opens the export (formula injection, "CSV injection"). Every export goes
through this module:

- CSV has no cell types, so a text cell that starts with one of ``= + - @`` (or a tab or carriage
  return, which some programs skip before reading a formula) gets a leading apostrophe, the
  spreadsheet convention for "this is text" (OWASP's advice).
- xlsx has cell types: such a cell is written as a string cell whose style has Excel's "quote prefix"
  set, so the reader sees the text exactly as typed and it stays text even when the cell is edited.

Numbers, dates and booleans are values, not typed text, and are left alone (a negative figure stays
a number)."""

from collections.abc import Iterable, Mapping
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_value(value: Any) -> Any:
    """A value for a CSV cell: formula-like text behind an apostrophe, anything else unchanged."""
    return "'" + value if looks_like_formula(value) else value


def csv_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {key: csv_value(value) for key, value in row.items()}


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl sheet; text cells are always string cells, never formulas."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell, Cell) and isinstance(cell.value, str):
            as_text(cell)


def as_text(cell: Cell) -> None:
    # openpyxl types any string that starts with "=" as a formula; force a string cell instead.
    cell.data_type = "s"
    if looks_like_formula(cell.value):
        cell.quotePrefix = True
