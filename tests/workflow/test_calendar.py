"""Working-time arithmetic: examples a person can check by hand, then properties for any start."""

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from civicdesk.workflow.calendar import TZ, WorkingCalendar

CAL = WorkingCalendar()


def at(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


def test_an_hour_before_lunch_ends_at_lunch():
    assert CAL.add_hours(at(2026, 3, 10, 10, 30), 1) == at(2026, 3, 10, 11, 30)


def test_time_continues_after_lunch():
    assert CAL.add_hours(at(2026, 3, 10, 11, 0), 1) == at(2026, 3, 10, 13, 30)


def test_friday_afternoon_continues_on_monday():
    assert CAL.add_hours(at(2026, 3, 13, 16, 0), 2) == at(2026, 3, 16, 8, 30)


def test_night_start_counts_from_the_next_morning():
    assert CAL.add_hours(at(2026, 3, 10, 22, 0), 4) == at(2026, 3, 11, 11, 30)


def test_tet_2026_is_skipped():
    # Tết Bính Ngọ: 16–20 Feb 2026 are public holidays; the weekend of the 14th–15th too.
    assert CAL.add_days(at(2026, 2, 13, 7, 30), 1) == at(2026, 2, 13, 17, 0)
    assert CAL.add_hours(at(2026, 2, 13, 16, 0), 2) == at(2026, 2, 23, 8, 30)


def test_ten_working_days_skip_weekends_and_national_day():
    # From Monday 24 Aug 2026 07:30: 31 Aug (substituted day off), 1 and 2 Sep are holidays.
    assert CAL.add_days(at(2026, 8, 24, 7, 30), 10) == at(2026, 9, 9, 17, 0)


def test_an_administrators_extra_holiday_is_skipped():
    calendar = WorkingCalendar.build(extra_holidays=[date(2026, 3, 11)])
    assert calendar.add_hours(at(2026, 3, 10, 16, 0), 2) == at(2026, 3, 12, 8, 30)


def test_a_swapped_saturday_is_a_working_day():
    calendar = WorkingCalendar.build(extra_working_days=[date(2026, 3, 14)])
    assert calendar.add_hours(at(2026, 3, 13, 16, 0), 2) == at(2026, 3, 14, 8, 30)


def test_office_hours_are_configurable():
    calendar = WorkingCalendar.build(office_hours=[(time(8, 0), time(12, 0)), (time(13, 30), time(17, 30))])
    assert calendar.add_hours(at(2026, 3, 10, 7, 0), 5) == at(2026, 3, 10, 14, 30)
    assert calendar.day_length == timedelta(hours=8)


def test_overlapping_office_hours_are_refused():
    with pytest.raises(ValueError):
        WorkingCalendar.build(office_hours=[(time(8, 0), time(12, 0)), (time(11, 0), time(17, 0))])


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError):
        CAL.add_hours(datetime(2026, 3, 10, 9, 0), 1)


def test_between_counts_only_office_hours():
    assert CAL.between(at(2026, 3, 13, 16, 0), at(2026, 3, 16, 8, 30)) == timedelta(hours=2)
    assert CAL.between(at(2026, 3, 16, 8, 30), at(2026, 3, 13, 16, 0)) == -timedelta(hours=2)


# --- properties, for any start between 2024 and 2030 (four Tết holidays) ---------------------

starts = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(TZ))
amounts = st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=25))
tet_starts = st.datetimes(min_value=datetime(2026, 2, 9), max_value=datetime(2026, 2, 24), timezones=st.just(TZ))


@settings(max_examples=200, deadline=None)
@given(start=starts, amount=amounts)
def test_result_is_inside_office_hours(start, amount):
    assert CAL.is_working_moment(CAL.add(start, amount))


@settings(max_examples=200, deadline=None)
@given(start=starts, amount=amounts)
def test_working_time_between_start_and_result_is_the_amount(start, amount):
    assert CAL.between(start, CAL.add(start, amount)) == amount


@settings(max_examples=200, deadline=None)
@given(start=starts, a=amounts, b=amounts)
def test_adding_a_then_b_equals_adding_a_plus_b(start, a, b):
    assert CAL.add(CAL.add(start, a), b) == CAL.add(start, a + b)


@settings(max_examples=200, deadline=None)
@given(first=starts, second=starts, amount=amounts)
def test_addition_is_monotonic_in_the_start(first, second, amount):
    early, late = sorted([first, second])
    assert CAL.add(early, amount) <= CAL.add(late, amount)


@settings(max_examples=200, deadline=None)
@given(start=starts, a=amounts, b=amounts)
def test_addition_is_monotonic_in_the_amount(start, a, b):
    small, large = sorted([a, b])
    assert CAL.add(start, small) <= CAL.add(start, large)


@settings(max_examples=200, deadline=None)
@given(start=tet_starts, hours=st.integers(min_value=1, max_value=200))
def test_across_tet_no_working_time_falls_on_a_holiday(start, hours):
    result = CAL.add_hours(start, hours)
    assert CAL.between(start, result) == timedelta(hours=hours)
    assert not CAL.is_holiday(result.date())
    tet = [date(2026, 2, d) for d in range(16, 21)]
    for day in tet:
        assert CAL.intervals(day) == []
