"""Per-step time limits on working time (step_clock): hand-checked examples, properties across
weekends and holidays (Tết 2026 included), then the clocks of real cases on the case page and in
the list of breaches."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from civicdesk.accounts.models import Role
from civicdesk.petitions.models import CaseEvent, Channel, EventAction, Priority, Status
from civicdesk.workflow import operations, step_clock
from civicdesk.workflow.calendar import TZ, WorkingCalendar
from civicdesk.workflow.models import StepLimit
from civicdesk.workflow.step_clock import Limit, Mark
from tests.factories import CaseFactory, UserFactory

CAL = WorkingCalendar()
LIMITS = {
    ("classify", "hotline"): Limit(5, "minutes"),
    ("guidance", "default"): Limit(1, "hours"),
    ("acceptance", "default"): Limit(8, "hours"),
    ("acceptance", "urgent"): Limit(4, "hours"),
    ("answer", "default"): Limit(10, "days"),
    ("answer", "coordinated"): Limit(15, "days"),
}


def at(y, m, d, hh=0, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=TZ)


def received(when):
    return Mark(when, EventAction.CREATED, "", Status.RECEIVED, None, "hệ thống")


def assigned(when, agency="so-xay-dung", source=Status.RECEIVED, actor="tổng đài viên"):
    return Mark(when, EventAction.ASSIGNED, source, Status.ASSIGNED, agency, actor)


def started(when, agency="so-xay-dung", actor="cán bộ"):
    return Mark(when, EventAction.STATUS_CHANGED, Status.ASSIGNED, Status.IN_PROGRESS, agency, actor)


def run(marks, *, created=None, channel=Channel.WEB, priority=Priority.NORMAL, coordinated=False, now=None,
        due=None, limits=LIMITS, calendar=CAL):
    created = created or marks[0].at
    return step_clock.clocks(created_at=created, channel=channel, priority=priority, coordinated=coordinated,
                             marks=marks, limits=limits, calendar=calendar,
                             now=now or at(2031, 1, 1), handling_due_at=due)


def only(found, step):
    (clock,) = [c for c in found if c.step == step]
    return clock


# --- examples a person can check by hand -------------------------------------------------------

def test_step_clock_a_hotline_call_forwarded_friday_1658_is_late_on_monday():
    # Friday 16:58: two working minutes left that day, three more on Monday from 07:30.
    call = at(2026, 3, 13, 16, 58)
    clock = only(run([received(call), assigned(at(2026, 3, 16, 7, 34))], channel=Channel.HOTLINE), "classify")
    assert clock.deadline == at(2026, 3, 16, 7, 33)
    assert clock.breached(at(2031, 1, 1)) and clock.used == timedelta(minutes=6)


def test_step_clock_a_web_case_has_no_classify_limit_unless_the_city_sets_one():
    marks = [received(at(2026, 3, 10, 9)), assigned(at(2026, 3, 12, 9))]
    assert only(run(marks), "classify").deadline is None
    limits = {**LIMITS, ("classify", "default"): Limit(1, "days")}
    clock = only(run(marks, limits=limits), "classify")
    assert clock.deadline == at(2026, 3, 11, 9) and clock.breached(at(2031, 1, 1))


def test_step_clock_acceptance_across_tet_2026():
    # Assigned Friday 13 Feb 15:00 (before Tết Bính Ngọ); 2 working hours remain that day, then the
    # weekend and 16–20 Feb are off: 4 hours on Monday morning, 2 after lunch end at 15:00.
    assignment = at(2026, 2, 13, 15, 0)
    marks = [received(assignment), assigned(assignment), started(at(2026, 2, 23, 13, 0))]
    clock = only(run(marks), "acceptance")
    assert clock.deadline == at(2026, 2, 23, 15, 0)
    assert not clock.breached(at(2031, 1, 1))
    urgent = only(run(marks, priority=Priority.URGENT), "acceptance")
    assert urgent.deadline == at(2026, 2, 23, 9, 30) and urgent.breached(at(2031, 1, 1))


def test_step_clock_guidance_runs_when_an_agency_hands_the_case_back():
    marks = [received(at(2026, 3, 10, 8)), assigned(at(2026, 3, 10, 8)),
             Mark(at(2026, 3, 10, 11, 0), EventAction.TRANSFER_RETURNED, Status.ASSIGNED, Status.TRIAGE, None, "cb"),
             assigned(at(2026, 3, 10, 13, 20), agency="so-y-te", source=Status.TRIAGE, actor="phân loại")]
    clock = only(run(marks), "guidance")
    # 11:00 + 1 working hour = 11:30 (end of the morning) then 30 minutes after lunch = 13:30.
    assert clock.deadline == at(2026, 3, 10, 13, 30) and not clock.breached(at(2031, 1, 1))
    assert clock.finished_by == "phân loại" and clock.holder is None
    acceptance = [c for c in run(marks) if c.step == "acceptance"]
    assert [c.holder for c in acceptance] == ["so-xay-dung", "so-y-te"]


def test_step_clock_the_answer_clock_follows_the_handling_deadline_and_coordination():
    start = at(2026, 3, 2, 7, 30)  # Monday
    marks = [received(start), assigned(start)]
    assert only(run(marks), "answer").deadline == at(2026, 3, 13, 17, 0)
    assert only(run(marks, coordinated=True), "answer").deadline == at(2026, 3, 20, 17, 0)
    extended = at(2026, 4, 1, 17, 0)
    assert only(run(marks, due=extended), "answer").deadline == extended


def test_step_clock_a_reopened_case_gets_a_new_answer_clock():
    start = at(2026, 3, 2, 7, 30)
    marks = [received(start), assigned(start), started(at(2026, 3, 2, 8)),
             Mark(at(2026, 3, 5, 9), EventAction.ANSWER_APPROVED, Status.AWAITING_APPROVAL, Status.ANSWERED,
                  "so-xay-dung", "lãnh đạo"),
             Mark(at(2026, 3, 6, 9), EventAction.REOPENED, Status.ANSWERED, Status.IN_PROGRESS, "so-xay-dung")]
    answers = [c for c in run(marks, now=at(2026, 3, 30, 9)) if c.step == "answer"]
    assert len(answers) == 2
    assert answers[0].ended_at == at(2026, 3, 5, 9) and answers[0].finished_by == "lãnh đạo"
    assert answers[1].running and answers[1].deadline == at(2026, 3, 20, 9)
    assert answers[1].state(at(2026, 3, 30, 9)) == "late"


# --- properties over 2024–2030: weekends, national holidays and four Tết holidays ----------------

starts = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(TZ))
tet_starts = st.datetimes(min_value=datetime(2026, 2, 12), max_value=datetime(2026, 2, 24), timezones=st.just(TZ))
delays = st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=40))


@settings(max_examples=150, deadline=None)
@given(call=starts, delay=st.timedeltas(min_value=timedelta(0), max_value=timedelta(minutes=30)))
def test_step_clock_hotline_breached_exactly_after_five_working_minutes(call, delay):
    forwarded = CAL.add(call, delay)
    clock = only(run([received(call), assigned(forwarded)], created=call, channel=Channel.HOTLINE), "classify")
    assert clock.used == delay
    assert clock.breached(forwarded) == (delay > timedelta(minutes=5))
    assert CAL.is_working_moment(clock.deadline)


@settings(max_examples=150, deadline=None)
@given(assignment=st.one_of(starts, tet_starts), delay=delays, urgent=st.booleans())
def test_step_clock_acceptance_breached_exactly_after_its_working_hours(assignment, delay, urgent):
    taken_up = CAL.add(assignment, delay)
    marks = [received(assignment), assigned(assignment), started(taken_up)]
    clock = only(run(marks, priority=Priority.URGENT if urgent else Priority.NORMAL), "acceptance")
    allowed = timedelta(hours=4 if urgent else 8)
    assert clock.deadline == CAL.add(assignment, allowed)
    assert clock.used == delay
    assert clock.breached(taken_up) == (delay > allowed)
    assert not CAL.is_holiday(clock.deadline.date()) and clock.deadline.weekday() < 5


@settings(max_examples=100, deadline=None)
@given(start=st.one_of(starts, tet_starts), days=st.integers(min_value=0, max_value=30))
def test_step_clock_running_answer_clock_counts_only_working_days(start, days):
    now = CAL.add(start, CAL.day_length * days)
    clock = only(run([received(start), assigned(start)], now=now, coordinated=True), "answer")
    assert clock.used == CAL.day_length * days
    assert clock.state(now) == ("late" if days > 15 else "running")


@settings(max_examples=100, deadline=None)
@given(start=st.one_of(starts, tet_starts), delay=delays)
def test_step_clock_a_city_holiday_moves_the_deadline_by_whole_working_days(start, delay):
    """An extra day off added by the administrator on the deadline's day pushes it one working day on."""
    marks = [received(start), assigned(start), started(CAL.add(start, delay))]
    plain = only(run(marks), "acceptance").deadline
    calendar = WorkingCalendar.build(extra_holidays=[plain.date()])
    moved = only(run(marks, calendar=calendar), "acceptance").deadline
    assert moved > plain and calendar.is_working_day(moved.date())
    assert calendar.between(start, moved) == timedelta(hours=8)


# --- real cases --------------------------------------------------------------------------------

@pytest.fixture
def late_hotline_call(operator, category, agency):
    """A call received 2 hours ago, forwarded by the operator now."""
    call = CaseFactory(status=Status.TRIAGE, channel=Channel.HOTLINE, agency=None, category=category,
                       created_at=timezone.now() - timedelta(days=3))
    CaseEvent.objects.create(case=call, action=EventAction.CREATED, to_status=Status.RECEIVED,
                             created_at=call.created_at)
    operations.decide_triage(call, operator, category=category, agency=agency, priority=Priority.NORMAL)
    return call


def test_step_clock_default_limits_are_the_citys_data(db):
    rows = {(r.step, r.variant): (r.amount, r.unit) for r in StepLimit.objects.all()}
    assert rows[("classify", "hotline")] == (5, "minutes")
    assert rows[("guidance", "default")] == (1, "hours")
    assert rows[("acceptance", "default")] == (8, "hours") and rows[("acceptance", "urgent")] == (4, "hours")
    assert rows[("answer", "default")] == (10, "days") and rows[("answer", "coordinated")] == (15, "days")


def test_step_clock_the_case_page_shows_each_step(client, supervisor, late_hotline_call):
    client.force_login(supervisor)
    page = client.get(f"/quy-trinh/ho-so/{late_hotline_call.tracking_code}/").content.decode()
    assert 'id="step-clocks"' in page
    assert 'data-step="classify" data-state="breached"' in page
    assert 'data-step="acceptance" data-state="running"' in page
    assert "Phân loại, chuyển xử lý" in page and "(5 phút làm việc)" in page


def test_step_clock_the_agency_case_page_shows_the_clocks_too(client, officer, late_hotline_call):
    client.force_login(officer)
    page = client.get(f"/xu-ly/ho-so/{late_hotline_call.tracking_code}/").content.decode()
    assert 'data-step="acceptance"' in page


def test_step_clock_breaches_list_names_the_unit_and_the_person(client, supervisor, operator, late_hotline_call):
    client.force_login(supervisor)
    page = client.get("/quy-trinh/vi-pham-thoi-han/").content.decode()
    assert late_hotline_call.tracking_code in page
    assert "Bộ phận phân loại (tổng đài)" in page and str(operator) in page


def test_step_clock_an_editable_limit_changes_the_breaches(client, supervisor, late_hotline_call):
    limit = StepLimit.objects.get(step="classify", variant="hotline")
    limit.amount, limit.unit = 10, "days"
    limit.save()  # as the admin saves it: every process's copy of the limits is rebuilt
    client.force_login(supervisor)
    assert late_hotline_call.tracking_code not in client.get("/quy-trinh/vi-pham-thoi-han/").content.decode()


def test_step_clock_a_lead_sees_only_breaches_of_their_agency(client, lead, other_lead, agency, category):
    mine = CaseFactory(agency=agency, category=category, created_at=timezone.now() - timedelta(days=10))
    CaseEvent.objects.create(case=mine, action=EventAction.ASSIGNED, from_status=Status.RECEIVED,
                             to_status=Status.ASSIGNED, data={"agency": agency.code}, created_at=mine.created_at)
    client.force_login(lead)
    page = client.get("/quy-trinh/vi-pham-thoi-han/?step=acceptance").content.decode()
    assert mine.tracking_code in page and "Sở Xây dựng" in page
    client.force_login(other_lead)
    assert mine.tracking_code not in client.get("/quy-trinh/vi-pham-thoi-han/").content.decode()


def test_step_clock_officers_and_citizens_may_not_open_the_breaches_list(client, officer, citizen):
    client.force_login(officer)
    assert client.get("/quy-trinh/vi-pham-thoi-han/").status_code == 403
    client.force_login(citizen)
    assert client.get("/quy-trinh/vi-pham-thoi-han/").status_code == 403


def test_step_clock_a_bad_filter_is_ignored_not_an_error(client, supervisor):
    client.force_login(supervisor)
    assert client.get("/quy-trinh/vi-pham-thoi-han/?step=x&days=abc").status_code == 200


def test_step_clock_admin_lists_the_limits(client, db):
    admin = UserFactory(username="quantri", role=Role.ADMIN, is_staff=True, is_superuser=True)
    client.force_login(admin)
    page = client.get("/admin/workflow/steplimit/")
    assert page.status_code == 200 and "Hướng dẫn khi chưa rõ thẩm quyền" in page.content.decode()

