from datetime import timedelta

import pytest
from django.utils import timezone

from civicdesk.notifications.models import Notification
from civicdesk.petitions.models import CaseEvent, EventAction, Status
from civicdesk.workflow import operations
from civicdesk.workflow.calendar import get_calendar
from civicdesk.workflow.models import Decision, ExtensionRequest
from civicdesk.workflow.operations import WorkflowError
from civicdesk.workflow.states import IllegalTransition


@pytest.fixture
def due_case(case):
    case.status = Status.IN_PROGRESS
    case.due_at = timezone.now() + timedelta(days=2)
    case.save()
    return case


def test_approval_moves_the_deadline_and_tells_the_citizen(due_case, officer, lead):
    old_due = due_case.due_at
    request = operations.request_extension(due_case, officer, days=5, reason="Chờ kết quả kiểm định")
    operations.decide_extension(request, lead, approve=True)
    due_case.refresh_from_db()
    assert due_case.due_at == get_calendar().add_days(old_due, 5)
    request.refresh_from_db()
    assert request.state == Decision.APPROVED and request.decided_by == lead
    event = CaseEvent.objects.get(case=due_case, action=EventAction.EXTENDED)
    assert event.is_public and event.note == "Chờ kết quả kiểm định"
    assert Notification.objects.filter(case=due_case, event="extended", recipient=due_case.reporter_email).exists()


def test_denial_keeps_the_deadline(due_case, officer, lead):
    old_due = due_case.due_at
    request = operations.request_extension(due_case, officer, days=5, reason="lý do")
    operations.decide_extension(request, lead, approve=False, note="Không đủ căn cứ")
    due_case.refresh_from_db()
    assert due_case.due_at == old_due
    assert CaseEvent.objects.filter(case=due_case, action=EventAction.EXTENSION_DENIED, is_public=False).exists()


def test_a_request_is_decided_once(due_case, officer, lead, supervisor):
    request = operations.request_extension(due_case, officer, days=5, reason="lý do")
    operations.decide_extension(request, lead, approve=True)
    with pytest.raises(WorkflowError):
        operations.decide_extension(ExtensionRequest.objects.get(pk=request.pk), supervisor, approve=True)
    assert CaseEvent.objects.filter(case=due_case, action=EventAction.EXTENDED).count() == 1


def test_only_one_pending_request(due_case, officer):
    operations.request_extension(due_case, officer, days=5, reason="lý do")
    with pytest.raises(WorkflowError):
        operations.request_extension(due_case, officer, days=3, reason="lý do khác")


def test_a_closed_case_cannot_be_extended(case, officer):
    case.status = Status.CLOSED
    case.save()
    with pytest.raises(IllegalTransition) as refused:
        operations.request_extension(case, officer, days=5, reason="lý do")
    assert "Không thể đề nghị gia hạn" in str(refused.value)


def test_an_officer_cannot_approve(client, due_case, officer):
    request = operations.request_extension(due_case, officer, days=5, reason="lý do")
    client.force_login(officer)
    response = client.post(f"/quy-trinh/ho-so/{due_case.tracking_code}/decide_extension/",
                           {"request_id": request.pk, "decision": "approve"})
    assert response.status_code == 403


def test_it_rejects_approval_by_other_agencys_lead(client, due_case, officer, other_lead):
    request = operations.request_extension(due_case, officer, days=5, reason="lý do")
    client.force_login(other_lead)
    response = client.post(f"/quy-trinh/ho-so/{due_case.tracking_code}/decide_extension/",
                           {"request_id": request.pk, "decision": "approve"})
    assert response.status_code == 403


def test_supervisor_sees_and_approves_pending_extensions(client, due_case, officer, supervisor):
    request = operations.request_extension(due_case, officer, days=5, reason="Chờ ý kiến liên ngành")
    client.force_login(supervisor)
    assert "Chờ ý kiến liên ngành" in client.get("/quy-trinh/gia-han/").content.decode()
    client.post(f"/quy-trinh/ho-so/{due_case.tracking_code}/decide_extension/",
                {"request_id": request.pk, "decision": "approve", "next": "/quy-trinh/gia-han/"})
    request.refresh_from_db()
    assert request.state == Decision.APPROVED


def test_the_lead_sees_the_pending_request_on_the_case_page(client, due_case, officer, lead):
    operations.request_extension(due_case, officer, days=5, reason="Chờ kết quả kiểm định")
    client.force_login(lead)
    html = client.get(f"/quy-trinh/ho-so/{due_case.tracking_code}/").content.decode()
    assert 'id="wf-approve-extension"' in html and "Chờ kết quả kiểm định" in html
    client.force_login(officer)
    html = client.get(f"/quy-trinh/ho-so/{due_case.tracking_code}/").content.decode()
    assert "Chờ kết quả kiểm định" in html and 'id="wf-approve-extension"' not in html
