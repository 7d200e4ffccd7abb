from datetime import timedelta

import pytest
from django.utils import timezone

from civicdesk.petitions import reporter_access
from civicdesk.petitions.models import CaseEvent, EventAction, Status
from civicdesk.workflow import operations
from civicdesk.workflow.models import WorkflowSettings
from civicdesk.workflow.operations import WorkflowError
from civicdesk.workflow.states import IllegalTransition


@pytest.fixture
def answered_case(case):
    case.status = Status.ANSWERED
    case.answered_at = timezone.now() - timedelta(days=3)
    case.due_at = timezone.now() - timedelta(days=4)
    case.save()
    return case


def test_the_citizen_reopens_within_the_period(answered_case, smtp_inbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        operations.reopen(answered_case, reason="Cống vẫn tắc sau trận mưa hôm qua")
    answered_case.refresh_from_db()
    assert answered_case.status == Status.IN_PROGRESS
    assert answered_case.due_at > timezone.now()
    event = CaseEvent.objects.get(case=answered_case, action=EventAction.REOPENED)
    assert event.is_public and event.note == "Cống vẫn tắc sau trận mưa hôm qua"
    assert any("đã được mở lại" in m["subject"] for m in smtp_inbox.to(answered_case.reporter_email))


def test_the_period_is_configurable(answered_case):
    config = WorkflowSettings.load()
    config.reopen_days = 2
    config.save()
    with pytest.raises(WorkflowError) as refused:
        operations.reopen(answered_case, reason="chưa hài lòng")
    assert "quá thời hạn mở lại" in str(refused.value)


def test_a_case_in_progress_cannot_be_reopened(case):
    with pytest.raises(IllegalTransition):
        operations.reopen(case, reason="chưa hài lòng")


def test_expired_answers_are_closed_once(answered_case):
    answered_case.answered_at = timezone.now() - timedelta(days=30)
    answered_case.save()
    assert operations.close_expired_answers() == 1
    assert operations.close_expired_answers() == 0
    answered_case.refresh_from_db()
    assert answered_case.status == Status.CLOSED


def test_the_tracking_page_form_reopens(client, answered_case):
    client.get(reporter_access.secret_link(answered_case, absolute=False))
    response = client.post(f"/quy-trinh/mo-lai/{answered_case.tracking_code}/", {"reason": "Vẫn còn ngập"})
    assert response.status_code == 302 and response.url == f"/tra-cuu/{answered_case.tracking_code}/"
    answered_case.refresh_from_db()
    assert answered_case.status == Status.IN_PROGRESS
