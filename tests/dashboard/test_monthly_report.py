"""The monthly PDF compares like with like: a month still running is set against the same number of
days of the previous month, and the report says so."""

import io
from datetime import date, datetime, timedelta

import pypdf
import pytest
from django.urls import reverse
from django.utils import timezone

from civicdesk.dashboard import report
from tests.factories import CaseFactory, ProvinceFactory


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


def filled_rectangles(pdf: bytes, colour: tuple[int, int, int]) -> int:
    """Rectangles painted (`re f`) in `colour` on every page: the bars of the charts."""
    count = 0
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        current: tuple[float, ...] = ()
        for line in page.get_contents().get_data().decode("latin-1").splitlines():
            if line.endswith(" rg"):
                current = tuple(float(part) for part in line[:-3].split())
            elif line.endswith(" re f") and current == pytest.approx([c / 255 for c in colour], abs=1e-3):
                count += 1
    return count


@pytest.fixture
def december(db, agency, category):
    ProvinceFactory()
    for day in (1, 1, 3, 7):  # received on three days; one answered
        CaseFactory(agency=agency, category=category, created_at=at(date(2026, 12, day)),
                    due_at=at(date(2026, 12, day)) + timedelta(days=10))
    return at(date(2026, 12, 7), 15)


def test_the_city_report_has_the_official_header_and_signature_block(december):
    text = text_of(report.monthly_pdf(date(2026, 12, 1), None, now=december, prepared_by="Lê Minh Giám Sát"))
    for part in ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "/BC-UBND", "Thành phố Hồ Chí Minh, ngày 07 tháng 12 năm 2026",
                 "BÁO CÁO", "Nơi nhận:", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                 "(Ký, ghi rõ họ tên, đóng dấu)", "Người lập báo cáo: Lê Minh Giám Sát"):
        assert part in text, part
    assert "Số:" in text
    # the header comes first, the signature last
    assert text.index("CỘNG HÒA") < text.index("1. Chỉ số chính") < text.index("Nơi nhận:")


def test_a_unit_report_is_issued_by_the_unit(december, agency):
    text = text_of(report.monthly_pdf(date(2026, 12, 1), agency, now=december))
    assert "UBND THÀNH PHỐ HỒ CHÍ MINH" in text and "SỞ XÂY DỰNG" in text
    assert "/BC-SXD" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text and "TM. ỦY BAN NHÂN DÂN" not in text


def test_the_report_draws_its_charts(december, category):
    pdf = report.monthly_pdf(date(2026, 12, 1), None, now=december)
    text = text_of(pdf)
    assert "Biểu đồ 1. Tiếp nhận và giải quyết theo ngày" in text
    assert "Biểu đồ 2. Tiếp nhận theo lĩnh vực" in text
    # a bar for each of the 3 days with cases received, the legend's square, one bar per category
    assert filled_rectangles(pdf, report.RECEIVED_COLOUR) == 3 + 1 + 1
    # a running month keeps its like-for-like comparison beside the charts
    assert "12/2026 chưa kết thúc" in text and "01/11/2026 – 07/11/2026" in text


def test_the_report_view_names_who_prepared_it(client, supervisor, december):
    supervisor.first_name, supervisor.last_name = "Giám Sát", "Lê"
    supervisor.save()
    client.force_login(supervisor)
    response = client.get(reverse("dashboard:report"), {"month": "2026-11"})
    assert "Người lập báo cáo:" in text_of(response.content)
