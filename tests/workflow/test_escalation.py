"""Reminders before and after deadlines: lead first, then supervisor; exactly once per threshold."""

from datetime import datetime, timedelta

from civicdesk.notifications.models import Notification
from civicdesk.petitions.models import CaseEvent, EventAction, Status
from civicdesk.workflow import operations
from civicdesk.workflow.calendar import TZ
from civicdesk.workflow.escalation import escalate
from civicdesk.workflow.models import Escalation
from civicdesk.workflow.tasks import escalate_deadlines

WEDNESDAY_10 = datetime(2026, 3, 11, 10, 0, tzinfo=TZ)


def _in_progress(case, due_at, created_at=None):
    case.status = Status.IN_PROGRESS
    case.due_at = due_at
    case.created_at = created_at or due_at - timedelta(days=14)
    case.save()
    return case


def test_due_soon_tells_the_lead_once_even_when_run_twice(case, lead, supervisor, smtp_inbox,
                                                         django_capture_on_commit_callbacks):
    _in_progress(case, WEDNESDAY_10 + timedelta(hours=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert escalate(WEDNESDAY_10) == 1
        assert escalate(WEDNESDAY_10) == 0
    assert [m["subject"] for m in smtp_inbox.to(lead.email)] == [f"[civicdesk] Sắp đến hạn: hồ sơ {case.tracking_code}"]
    assert smtp_inbox.to(supervisor.email) == []
    assert CaseEvent.objects.filter(case=case, action=EventAction.ESCALATED).count() == 1


def test_overdue_tells_the_lead_then_later_the_supervisor(case, lead, supervisor, smtp_inbox,
                                                          django_capture_on_commit_callbacks):
    _in_progress(case, WEDNESDAY_10 - timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):
        escalate(WEDNESDAY_10)
        escalate(WEDNESDAY_10)
    # Already past the deadline: "overdue" only, not a late "due soon" as well.
    assert list(Escalation.objects.filter(case=case).values_list("threshold", flat=True)) == ["overdue"]
    assert [m["subject"] for m in smtp_inbox.to(lead.email)] == [f"[civicdesk] Quá hạn: hồ sơ {case.tracking_code}"]
    assert smtp_inbox.to(supervisor.email) == []
    a_working_day_later = WEDNESDAY_10 + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert escalate(a_working_day_later) == 1
        assert escalate(a_working_day_later) == 0
    assert [m["subject"] for m in smtp_inbox.to(supervisor.email)] == [
        f"[civicdesk] Quá hạn kéo dài: báo giám sát: hồ sơ {case.tracking_code}"]
    assert Notification.objects.filter(case=case, to_staff=True).count() == 2


def test_an_extension_arms_the_thresholds_again(case, officer, lead, django_capture_on_commit_callbacks):
    _in_progress(case, WEDNESDAY_10 + timedelta(hours=2))
    escalate(WEDNESDAY_10)
    request = operations.request_extension(case, officer, days=3, reason="chờ kiểm định")
    operations.decide_extension(request, lead, approve=True)
    case.refresh_from_db()
    assert escalate(case.due_at - timedelta(hours=1)) == 1
    assert Escalation.objects.filter(case=case, threshold="due_soon").count() == 2


def test_a_case_not_taken_up_within_eight_working_hours(case, lead):
    case.status = Status.ASSIGNED
    case.created_at = datetime(2026, 3, 9, 9, 0, tzinfo=TZ)
    case.due_at = datetime(2026, 3, 23, 9, 0, tzinfo=TZ)
    case.save()
    assert escalate(datetime(2026, 3, 10, 8, 59, tzinfo=TZ)) == 0
    assert escalate(datetime(2026, 3, 10, 9, 0, tzinfo=TZ)) == 1
    assert Escalation.objects.get(case=case).threshold == "not_received"


def test_finished_cases_are_not_escalated(case):
    case.status = Status.ANSWERED
    case.due_at = WEDNESDAY_10 - timedelta(days=3)
    case.save()
    assert escalate(WEDNESDAY_10) == 0


def test_the_periodic_task_runs_the_escalation(case):
    from django.utils import timezone

    _in_progress(case, timezone.now() - timedelta(days=5))
    escalate_deadlines.apply().get()
    escalate_deadlines.apply().get()
    assert Escalation.objects.filter(case=case, threshold="overdue").count() == 1
