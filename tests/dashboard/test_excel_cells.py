"""Excel exports hold typed cells: percentages as percent cells, durations as numbers with the unit
in the header, dates as dates shown dd/mm/yyyy — read back with openpyxl."""

import io
from datetime import date, datetime

import pytest
from django.urls import reverse
from openpyxl import load_workbook


def sheets(client, name, **params):
    response = client.get(reverse(f"dashboard:{name}"), {"format": "xlsx", **params})
    return load_workbook(io.BytesIO(response.getvalue()))


def rows_of(sheet):
    """Header row (row 3) → list of {header: cell} for the data rows."""
    headers = [cell.value for cell in sheet[3]]
    return [dict(zip(headers, row, strict=False)) for row in sheet.iter_rows(min_row=4)]


def test_the_headline_sheet_types_each_figure_by_its_kind(client, supervisor, city_cases):
    client.force_login(supervisor)
    book = sheets(client, "overview")
    by_label = {row["Chỉ số"].value: row for row in rows_of(book["Chỉ số chính"])}
    on_time = by_label["Tỉ lệ đúng hạn (%)"]["Kỳ này"]
    assert on_time.data_type == "n" and on_time.value == 0.3333  # 1 on time, 1 late, 1 overdue
    assert on_time.number_format == "0.0%"
    hours = by_label["Trung vị thời gian trả lời (giờ)"]["Kỳ này"]
    assert hours.value == pytest.approx(17.0) and hours.number_format == "0.0"  # median of 4 h and 30 h
    received = by_label["Tiếp nhận"]["Kỳ này"]
    assert received.value == 4 and received.number_format == "#,##0"
    assert by_label["Mức độ hài lòng (1–5)"]["Kỳ này"].number_format == "0.00"


def test_dates_are_date_cells_shown_day_month_year(client, supervisor, city_cases):
    client.force_login(supervisor)
    trend = rows_of(sheets(client, "overview", by="day")["Xu hướng"])
    first = trend[0]["Từ ngày"]
    assert first.is_date and isinstance(first.value, datetime) and first.number_format == "dd/mm/yyyy"
    assert trend[0]["Tỉ lệ đúng hạn"].number_format == "0.0%"

    cases = rows_of(sheets(client, "case_list", state="all").active)
    received = cases[0]["Tiếp nhận"]
    assert received.is_date and received.number_format == "dd/mm/yyyy hh:mm"
    assert cases[0]["Hạn xử lý"].is_date

    overdue = rows_of(sheets(client, "overdue").active)
    assert overdue[0]["Hạn sớm nhất"].is_date
    assert overdue[0]["Hạn sớm nhất"].number_format == "dd/mm/yyyy hh:mm"
    assert isinstance(overdue[0]["Trễ nhất (ngày)"].value, int)


def test_the_league_sheet_has_percent_cells(client, supervisor, city_cases):
    client.force_login(supervisor)
    rows = rows_of(sheets(client, "league").active)
    ours = next(row for row in rows if row["Đơn vị"].value == "Sở Xây dựng")
    share = ours["Tỉ lệ đúng hạn"]
    assert share.data_type == "n" and share.value == pytest.approx(1 / 3, abs=1e-4)
    assert share.number_format == "0.0%" and ours["Điểm xếp hạng"].number_format == "0.0%"
    assert ours["Hài lòng"].value == 4 and ours["Hài lòng"].number_format == "0.00"


def test_a_date_value_keeps_its_type(db):
    from civicdesk.dashboard import exports

    book = load_workbook(io.BytesIO(exports.workbook(
        [exports.Table("t", ["Ngày", "Tỉ lệ"], [[date(2026, 12, 7), exports.by_kind(0.123456, "percent")]])],
        "caption")))
    day, share = book.active["A4"], book.active["B4"]
    assert day.value == datetime(2026, 12, 7) and day.number_format == "dd/mm/yyyy"
    assert share.value == pytest.approx(0.1235) and share.number_format == "0.0%"
