"""The monthly PDF compares like with like: a month still running is set against the same number of
days of the previous month, and the report says so."""

import io
from datetime import date, datetime, timedelta

import pypdf
from django.utils import timezone

from civicdesk.dashboard import report
from tests.factories import CaseFactory


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.get_current_timezone())


def test_the_periods_compared():
    december, november = date(2026, 12, 1), date(2026, 11, 1)
    assert report.compared_periods(december, date(2026, 12, 7)) == (
        december, date(2026, 12, 7), november, date(2026, 11, 7), False)
    # a finished month against the whole previous month
    assert report.compared_periods(november, date(2026, 12, 7)) == (
        november, date(2026, 11, 30), date(2026, 10, 1), date(2026, 10, 31), True)
    # 30 days of March against all of February (28 days), not beyond it
    assert report.compared_periods(date(2027, 3, 1), date(2027, 3, 30))[2:] == (
        date(2027, 2, 1), date(2027, 2, 28), False)


def test_an_incomplete_month_is_compared_with_as_many_days_and_says_so(db, agency, category):
    now = at(date(2026, 12, 7), 15)
    for day in (1, 3, 7):  # December so far: 3 cases received
        CaseFactory(agency=agency, category=category, created_at=at(date(2026, 12, day)),
                    due_at=at(date(2026, 12, day)) + timedelta(days=10))
    for day in (2, 5, 8, 15, 20, 28):  # November: 2 in its first 7 days, 6 in all
        CaseFactory(agency=agency, category=category, created_at=at(date(2026, 11, day)),
                    due_at=at(date(2026, 11, day)) + timedelta(days=10))
    text = text_of(report.monthly_pdf(date(2026, 12, 1), None, now=now))
    assert "12/2026 chưa kết thúc" in text and "7 ngày" in text
    assert "01/11/2026 – 07/11/2026" in text
    # Received: 3 against 2 (the first 7 days of November), not against 6 (all of November)
    line = next(line for line in text.splitlines() if line.startswith("Tiếp nhận"))
    assert line.split()[2:] == ["3", "2", "+1"], line

    finished = text_of(report.monthly_pdf(date(2026, 11, 1), None, now=now))
    assert "chưa kết thúc" not in finished and "So sánh với cả tháng trước" in finished
    line = next(line for line in finished.splitlines() if line.startswith("Tiếp nhận"))
    assert line.split()[2:4] == ["6", "0"], line  # October had none
