"""Dashboard pages render their figures, drill down, export to Excel and print a PDF report."""

import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_the_overview_shows_figures_and_chart_data(client, supervisor, city_cases, category):
    client.force_login(supervisor)
    response = client.get(reverse("dashboard:overview"), {"period": "7d"})
    html = response.content.decode()
    assert 'id="chart-trend"' in html and 'id="chart-data"' in html
    assert 'hx-trigger="every 60s, refresh"' in html
    data = response.context["chart_data"]
    assert sum(data["trend"]["received"]) == 4
    assert data["category"]["labels"] == [category.name]
    assert "50,0 %" in html  # on-time rate


def test_the_kpi_fragment_is_a_fragment(client, supervisor, city_cases):
    client.force_login(supervisor)
    response = client.get(reverse("dashboard:kpis"), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="kpis"')
    assert "<html" not in html
    assert 'data-kpi="overdue_now"' in html


def test_overdue_drills_down_to_the_cases_and_the_case(client, supervisor, city_cases, agency):
    client.force_login(supervisor)
    overview = client.get(reverse("dashboard:overdue"))
    assert [(r["agency_id"], r["overdue"]) for r in overview.context["rows"]] == [(agency.id, 1)]
    listing = client.get(reverse("dashboard:case_list"), {"state": "overdue", "agency": agency.id})
    assert [c.tracking_code for c in listing.context["page"]] == [city_cases["overdue"].tracking_code]
    detail = client.get(reverse("dashboard:case_detail", args=[city_cases["overdue"].tracking_code]))
    html = detail.content.decode()
    assert "Đã liên hệ người dân" in html  # the internal note is on the staff timeline
    assert "Quá hạn" in html


def test_the_case_list_filters_by_period(client, supervisor, city_cases, agency, category):
    from tests.dashboard.conftest import make_case

    old = make_case(agency, category, days_ago=60)
    client.force_login(supervisor)
    response = client.get(reverse("dashboard:case_list"), {"period": "30d", "state": "all"})
    codes = {c.tracking_code for c in response.context["page"]}
    assert city_cases["on_time"].tracking_code in codes and old.tracking_code not in codes


def test_the_map_data_filters_by_status_and_category(client, supervisor, city_cases, category):
    client.force_login(supervisor)
    response = client.get(reverse("dashboard:map_data"), {"status": ["answered"], "category": category.id})
    codes = {point[2] for point in response.json()["points"]}
    assert codes == {city_cases["on_time"].tracking_code, city_cases["late"].tracking_code}


def test_the_map_says_when_tiles_are_off(client, supervisor, settings, city_cases):
    settings.TILE_URL = ""
    client.force_login(supervisor)
    assert 'id="tiles-off"' in client.get(reverse("dashboard:map")).content.decode()
    settings.TILE_URL = "http://127.0.0.1:9/{z}/{x}/{y}.png"
    html = client.get(reverse("dashboard:map")).content.decode()
    assert 'id="tiles-off"' not in html and 'data-tile-url="http://127.0.0.1:9/{z}/{x}/{y}.png"' in html


def test_every_view_exports_to_excel(client, supervisor, city_cases):
    client.force_login(supervisor)
    for name in ("overview", "league", "overdue", "case_list", "map", "hotspots"):
        response = client.get(reverse(f"dashboard:{name}"), {"format": "xlsx"})
        assert response["Content-Type"] == XLSX, name
        book = load_workbook(io.BytesIO(response.getvalue()))
        assert book.sheetnames, name
    book = load_workbook(io.BytesIO(client.get(reverse("dashboard:league"), {"format": "xlsx"}).content))
    sheet = book.active
    assert sheet["B3"].value == "Đơn vị"
    assert sheet["C4"].value in (3, 1)
    case_book = client.get(reverse("dashboard:case_detail", args=[city_cases["late"].tracking_code]),
                           {"format": "xlsx"})
    assert load_workbook(io.BytesIO(case_book.content)).active.max_row >= 6


def test_the_monthly_report_is_a_pdf_with_an_embedded_unicode_font(client, supervisor, city_cases):
    client.force_login(supervisor)
    month = timezone.localdate().strftime("%Y-%m")
    response = client.get(reverse("dashboard:report"), {"month": month})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"DejaVu" in response.content  # embedded TrueType subset, so Vietnamese diacritics print
    assert b"/ToUnicode" in response.content


def test_the_report_text_has_vietnamese_diacritics(supervisor, city_cases):
    from civicdesk.dashboard import report

    first = timezone.localdate().replace(day=1)
    pdf = report.monthly_pdf(first, None)
    assert len(pdf) > 5000
    # fpdf2 writes text as glyph ids; the ToUnicode map must cover "ệ" (U+1EC7) and "đ" (U+0111)
    import re
    import zlib

    streams = []
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            streams.append(zlib.decompress(match.group(1)))
        except zlib.error:
            streams.append(match.group(1))
    cmap = b"".join(s for s in streams if b"beginbfchar" in s or b"beginbfrange" in s)
    assert b"<1EC7>" in cmap.upper() and b"<0111>" in cmap.upper()


def test_hotspots_list_a_category_far_above_its_usual_level(client, supervisor, agency, category, other_agency):
    from tests.dashboard.conftest import make_case
    from tests.factories import CategoryFactory

    quiet = CategoryFactory(code="yen-tinh", name="Yên tĩnh")
    for week in range(1, 9):
        make_case(agency, category, days_ago=7 * week + 1)
        make_case(agency, quiet, days_ago=7 * week + 2)
    spike = [make_case(agency, category, days_ago=0.1 * i) for i in range(8)]
    make_case(agency, quiet, days_ago=1)
    client.force_login(supervisor)
    response = client.get(reverse("dashboard:hotspots"))
    spots = response.context["hotspots"]
    assert [(s["dimension"], s["id"]) for s in spots] == [("category", category.id)]
    assert spots[0]["this_week"] == 8
    assert {c.tracking_code for c in spots[0]["cases"]} == {c.tracking_code for c in spike}


def test_no_hotspot_when_volume_is_usual(client, supervisor, agency, category):
    from tests.dashboard.conftest import make_case

    for week in range(0, 9):
        for n in range(6):
            make_case(agency, category, days_ago=7 * week + 1 + n * 0.5)
    client.force_login(supervisor)
    response = client.get(reverse("dashboard:hotspots"))
    assert response.context["hotspots"] == []
    assert 'id="no-hotspots"' in response.content.decode()


def test_a_custom_period_is_capped_and_ordered(client, supervisor, db):
    client.force_login(supervisor)
    today = timezone.localdate()
    response = client.get(reverse("dashboard:overview"), {
        "period": "custom", "start": today, "end": today - timedelta(days=5000)})
    scope = response.context["scope"]
    assert scope.start <= scope.end and scope.days <= 3 * 366


def test_the_dashboard_speaks_english(client, supervisor, city_cases):
    client.force_login(supervisor)
    html = client.get(reverse("dashboard:overview"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Operations centre" in html and "Median time to first response" in html
