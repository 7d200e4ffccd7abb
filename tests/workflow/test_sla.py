from datetime import datetime, timedelta

from civicdesk.petitions.models import Priority, Status
from civicdesk.workflow import sla
from civicdesk.workflow.calendar import TZ, WorkingCalendar
from civicdesk.workflow.models import CalendarDay, WorkflowSettings
from tests.factories import CaseFactory

MONDAY_9 = datetime(2026, 3, 9, 9, 0, tzinfo=TZ)


def test_urgent_cases_are_due_in_four_working_hours(case):
    case.priority = Priority.URGENT
    assert sla.due_at_for(case, MONDAY_9) == datetime(2026, 3, 9, 14, 30, tzinfo=TZ)


def test_normal_and_complex_follow_the_category(case):
    case.category.sla_days_normal = 3
    case.category.sla_days_complex = 6
    assert sla.due_at_for(case, MONDAY_9) == datetime(2026, 3, 12, 9, 0, tzinfo=TZ)
    case.priority = Priority.COMPLEX
    assert sla.due_at_for(case, MONDAY_9) == datetime(2026, 3, 17, 9, 0, tzinfo=TZ)


def test_defaults_are_ten_and_twenty_working_days(case):
    case.category = None
    assert sla.due_at_for(case, MONDAY_9) == WorkingCalendar().add_days(MONDAY_9, 10)
    case.priority = Priority.COMPLEX
    assert sla.due_at_for(case, MONDAY_9) == WorkingCalendar().add_days(MONDAY_9, 20)


def test_days_added_by_the_administrator_move_deadlines(case):
    case.category.sla_days_normal = 1
    CalendarDay.objects.create(date=datetime(2026, 3, 10).date(), kind=CalendarDay.Kind.HOLIDAY)
    assert sla.due_at_for(case, MONDAY_9) == datetime(2026, 3, 11, 9, 0, tzinfo=TZ)


def test_office_hours_come_from_the_settings_row(case):
    config = WorkflowSettings.load()
    config.morning_start = datetime(2026, 1, 1, 8, 0).time()
    config.save()
    case.priority = Priority.URGENT
    # 08:00–11:30 is 3.5 hours; the last half hour falls after lunch.
    assert sla.due_at_for(case, datetime(2026, 3, 9, 7, 0, tzinfo=TZ)) == datetime(2026, 3, 9, 13, 30, tzinfo=TZ)


def test_receive_deadline_is_eight_working_hours(case):
    case.created_at = MONDAY_9
    assert sla.receive_due_at(case) == datetime(2026, 3, 10, 9, 0, tzinfo=TZ)
    assert sla.is_receipt_overdue(case, now=datetime(2026, 3, 10, 9, 1, tzinfo=TZ))
    assert not sla.is_receipt_overdue(case, now=datetime(2026, 3, 10, 8, 59, tzinfo=TZ))


def test_due_soon_and_overdue(category, agency):
    now = MONDAY_9
    late = CaseFactory(category=category, agency=agency, due_at=now - timedelta(minutes=1))
    soon = CaseFactory(category=category, agency=agency, due_at=datetime(2026, 3, 10, 8, 0, tzinfo=TZ))
    later = CaseFactory(category=category, agency=agency, due_at=datetime(2026, 3, 12, 8, 0, tzinfo=TZ))
    answered = CaseFactory(category=category, agency=agency, due_at=now - timedelta(days=3), status=Status.ANSWERED)
    assert sla.is_overdue(late, now) and not sla.is_due_soon(late, now)
    assert sla.is_due_soon(soon, now) and not sla.is_overdue(soon, now)
    assert not sla.is_due_soon(later, now) and not sla.is_overdue(later, now)
    assert not sla.is_overdue(answered, now)
    assert set(sla.overdue(now=now)) == {late}
    assert set(sla.due_soon(now=now)) == {soon}
    assert [sla.sla_state(c, now) for c in (late, soon, later, answered)] == ["overdue", "due_soon", "on_time", ""]
