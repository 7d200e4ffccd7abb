"""The league table ranks on a measure that counts open overdue cases and is fair to small units."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civicdesk.dashboard import facts, figures
from civicdesk.petitions.models import Case, Status
from tests.factories import AgencyFactory, CaseFactory


def scope():
    today = timezone.localdate()
    return figures.Scope(start=today - timedelta(days=29), end=today)


def cases(agency, category, *, on_time=0, late=0, overdue=0, waiting=0):
    """Cases of one unit received 5 days ago, written in bulk then counted by the real rebuild (the
    path documented for writes that skip signals): `on_time`/`late` answered 2 days ago with a due
    date after/before that, `overdue` open past due, `waiting` open and not yet due."""
    now = timezone.now()
    created = now - timedelta(days=5)
    answered = now - timedelta(days=2)
    kinds = ([(Status.ANSWERED, answered + timedelta(days=1), answered)] * on_time
             + [(Status.ANSWERED, answered - timedelta(days=1), answered)] * late
             + [(Status.ASSIGNED, now - timedelta(days=1), None)] * overdue
             + [(Status.ASSIGNED, now + timedelta(days=3), None)] * waiting)
    return [CaseFactory.build(agency=agency, category=category, created_at=created, status=status, due_at=due,
                              answered_at=answered_at) for status, due, answered_at in kinds]


def load(*groups):
    Case.objects.bulk_create([case for group in groups for case in group])
    facts.rebuild_all()


def by_unit(rows):
    return {row["agency_id"]: row for row in rows}


def test_wilson_lower_bound_grows_with_evidence():
    assert figures.wilson_lower_bound(0, 0) is None
    assert figures.wilson_lower_bound(2, 2) == pytest.approx(0.342, abs=0.001)
    assert figures.wilson_lower_bound(190, 200) == pytest.approx(0.910, abs=0.001)
    assert figures.wilson_lower_bound(0, 5) == 0.0


def test_two_cases_on_time_do_not_top_two_hundred_at_95_percent(db, category):
    tiny, steady = AgencyFactory(name="Phường nhỏ"), AgencyFactory(name="Sở lớn")
    load(cases(tiny, category, on_time=2), cases(steady, category, on_time=190, late=10))
    rows = figures.league(scope())
    assert [r["agency_id"] for r in rows] == [steady.id, tiny.id]
    units = by_unit(rows)
    assert units[steady.id]["rank"] == 1 and units[steady.id]["assessed"] == 200
    assert units[steady.id]["on_time_share"] == pytest.approx(0.95)
    # The small unit is listed apart, unranked — and would rank lower on the score anyway.
    assert units[tiny.id]["ranked"] is False and units[tiny.id]["rank"] is None
    assert units[tiny.id]["score"] < units[steady.id]["score"]


def test_open_overdue_cases_count_as_late(db, category):
    builder, other = AgencyFactory(name="Sở Xây dựng"), AgencyFactory(name="Sở Y tế")
    load(cases(builder, category, on_time=30, overdue=19, waiting=4), cases(other, category, on_time=40, late=6))
    units = by_unit(figures.league(scope()))
    ours = units[builder.id]
    assert ours["on_time_rate"] == 1.0  # resolved cases only: what the table used to rank and show
    assert (ours["overdue"], ours["backlog"], ours["assessed"]) == (19, 23, 49)
    assert ours["on_time_share"] == pytest.approx(30 / 49)
    assert (ours["rank"], units[other.id]["rank"]) == (2, 1)


def test_the_page_shows_the_measure_the_volume_and_the_unranked_units(client, supervisor, category):
    builder, tiny = AgencyFactory(name="Sở Xây dựng"), AgencyFactory(name="Phường nhỏ")
    load(cases(builder, category, on_time=30, overdue=19), cases(tiny, category, on_time=2))
    client.force_login(supervisor)
    response = client.get(reverse("dashboard:league"))
    html = response.content.decode()
    assert [r["agency_id"] for r in response.context["ranked"]] == [builder.id]
    assert [r["agency_id"] for r in response.context["unranked"]] == [tiny.id]
    assert "Hồ sơ đang quá hạn được tính như trễ hạn" in html
    assert "Wilson" in html and "dưới 20 hồ sơ đến hạn" in html
    ranked_table, unranked_table = html.split("Chưa xếp hạng", 1)
    row = ranked_table[ranked_table.index(">Sở Xây dựng</a>"):].split("</tr>", 1)[0]
    assert "61,2 %" in row and "100,0 %" not in row  # 30 on time of 49 due
    assert ">49<" in row  # the volume the share is taken over
    assert ">Phường nhỏ</a>" in unranked_table and ">Phường nhỏ</a>" not in ranked_table

    english = client.get(reverse("dashboard:league"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for text in ("Open overdue cases count as late", "Units are ranked by their score", "are listed apart",
                 "Not ranked: fewer than 20", "Ranking score", "Cases come due"):
        assert text in english, text


def test_the_excel_league_has_the_measure(client, supervisor, category):
    import io

    from openpyxl import load_workbook

    builder = AgencyFactory(name="Sở Xây dựng")
    load(cases(builder, category, on_time=30, overdue=19))
    client.force_login(supervisor)
    sheet = load_workbook(io.BytesIO(client.get(reverse("dashboard:league"), {"format": "xlsx"}).content)).active
    headers = [cell.value for cell in sheet[3]]
    row = dict(zip(headers, [cell for cell in sheet[4]], strict=True))
    assert row["Hạng"].value == 1 and row["Số hồ sơ đến hạn"].value == 49
    assert row["Tỉ lệ đúng hạn"].value == pytest.approx(0.6122, abs=1e-4)
    assert row["Tỉ lệ đúng hạn"].number_format.endswith("%")
