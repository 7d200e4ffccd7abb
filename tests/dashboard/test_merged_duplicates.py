"""Merged duplicates are no new problem: they stay out of `received` everywhere it is shown — the
overview, its Excel file, the league table, the monthly PDF — and out of hot spots and the map; the
headline on-time share counts open overdue cases as late, as the league table does."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from civicdesk.dashboard import facts, figures
from civicdesk.dashboard.models import CaseFact
from civicdesk.workflow import operations
from tests.dashboard.conftest import make_case
from tests.dashboard.test_figures import snapshot


def last_30_days(**kwargs):
    today = timezone.localdate()
    return figures.Scope(start=today - timedelta(days=29), end=today, **kwargs)


@pytest.fixture
def one_problem_three_reports(agency, category, supervisor):
    original = make_case(agency, category, days_ago=1)
    copies = [make_case(agency, category, days_ago=0.5), make_case(agency, category, days_ago=0.2)]
    operations.merge(original, copies, supervisor)
    return original, copies


def test_merged_duplicates_are_not_received(one_problem_three_reports, agency, category):
    current = figures.headline(last_30_days())["current"]
    assert current["received"] == 1
    assert current["rejected"] == 2  # a merge is still the rejection it is
    assert [(r["id"], r["received"]) for r in figures.breakdown(last_30_days(), "category")] == [(category.id, 1)]
    assert sum(r["received"] for r in figures.trend(last_30_days())) == 1
    assert [(r["agency_id"], r["received"]) for r in figures.league(last_30_days())] == [(agency.id, 1)]
    assert CaseFact.objects.filter(duplicate=True).count() == 2


def test_merged_duplicates_incremental_rows_equal_a_full_rebuild(one_problem_three_reports):
    incremental = snapshot()
    facts.rebuild_all()
    assert snapshot() == incremental


def test_merged_duplicates_count_again_when_the_merge_is_withdrawn(one_problem_three_reports, supervisor):
    _original, copies = one_problem_three_reports
    operations.withdraw_rejection(copies[0], supervisor, "Không trùng")
    assert figures.headline(last_30_days())["current"]["received"] == 2


def test_merged_duplicates_stay_out_of_the_excel_overview(client, supervisor, one_problem_three_reports):
    client.force_login(supervisor)
    response = client.get(reverse("dashboard:overview"), {"format": "xlsx"})
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["Chỉ số chính"].iter_rows(min_row=4, values_only=True))
    assert rows[0][:2] == ("Tiếp nhận", 1)
    by_category = list(book["Theo lĩnh vực"].iter_rows(min_row=4, values_only=True))
    assert [row[1] for row in by_category] == [1]


def test_merged_duplicates_make_no_hot_spot(client, supervisor, agency, category):
    for week in range(1, 9):
        make_case(agency, category, days_ago=7 * week + 1)
    original = make_case(agency, category, days_ago=0.9)
    reports = [make_case(agency, category, days_ago=0.1 * i) for i in range(1, 8)]
    client.force_login(supervisor)
    before = client.get(reverse("dashboard:hotspots")).context["hotspots"]
    assert [(s["id"], s["this_week"]) for s in before] == [(category.id, 8)]  # eight reports, unmerged

    operations.merge(original, reports, supervisor)  # … of one broken pipe
    assert client.get(reverse("dashboard:hotspots")).context["hotspots"] == []


def test_merged_duplicates_are_not_among_the_cases_behind_a_hot_spot(client, supervisor, agency, category):
    for week in range(1, 9):
        make_case(agency, category, days_ago=7 * week + 1)
    problems = [make_case(agency, category, days_ago=0.1 * i) for i in range(1, 7)]
    copy = make_case(agency, category, days_ago=0.05)
    operations.merge(problems[0], [copy], supervisor)
    client.force_login(supervisor)
    spots = client.get(reverse("dashboard:hotspots")).context["hotspots"]
    assert [(s["id"], s["this_week"]) for s in spots] == [(category.id, 6)]
    assert copy.tracking_code not in {c.tracking_code for c in spots[0]["cases"]}


def test_merged_duplicates_stay_off_the_map(client, supervisor, agency, category):
    original = make_case(agency, category, days_ago=1, lat=10.77, lon=106.70)
    copy = make_case(agency, category, days_ago=0.5, lat=10.7701, lon=106.7001)
    operations.merge(original, [copy], supervisor)
    client.force_login(supervisor)
    points = client.get(reverse("dashboard:map_data")).json()["points"]
    assert [p[2] for p in points] == [original.tracking_code]


def test_the_headline_on_time_share_counts_open_overdue_cases_as_late(city_cases, agency):
    # own unit: 1 resolved on time, 1 resolved late, 1 open and overdue
    head = figures.headline(last_30_days(agency_id=agency.id))
    items = {item["key"]: item for item in head["items"]}
    assert items["on_time_rate"]["value"] == pytest.approx(1 / 3)
    assert head["current"]["resolved_on_time_rate"] == pytest.approx(0.5)
    assert items["on_time_rate"]["previous"] is None and items["on_time_rate"]["change"] is None


def test_the_headline_on_time_share_matches_the_league_table(city_cases, agency):
    head = figures.headline(last_30_days(agency_id=agency.id))
    row = next(r for r in figures.league(last_30_days()) if r["agency_id"] == agency.id)
    assert head["current"]["on_time_rate"] == pytest.approx(row["on_time_share"])
