import pytest

from civicdesk.notifications.models import Notification
from civicdesk.petitions.models import CaseEvent, EventAction, Status
from civicdesk.workflow import operations
from civicdesk.workflow.models import Transfer
from civicdesk.workflow.operations import WorkflowError
from civicdesk.workflow.states import IllegalTransition


def test_transfer_moves_the_case_with_its_reason(case, officer, other_agency, other_agency_lead):
    operations.transfer(case, officer, to_agency=other_agency, reason="Thuộc thẩm quyền ngành y tế")
    case.refresh_from_db()
    assert case.agency == other_agency and case.status == Status.ASSIGNED
    event = CaseEvent.objects.get(case=case, action=EventAction.TRANSFERRED)
    assert event.note == "Thuộc thẩm quyền ngành y tế"
    assert event.data["to_agency"] == other_agency.code
    assert Transfer.objects.get(case=case).state == Transfer.State.PENDING
    assert Notification.objects.filter(case=case, recipient=other_agency_lead.email, event="transferred").exists()


def test_transfer_needs_a_reason_and_another_agency(case, officer, agency, other_agency):
    with pytest.raises(WorkflowError):
        operations.transfer(case, officer, to_agency=other_agency, reason=" ")
    with pytest.raises(WorkflowError):
        operations.transfer(case, officer, to_agency=agency, reason="lý do")


def test_the_receiving_agency_accepts(case, officer, other_agency, other_officer):
    operations.transfer(case, officer, to_agency=other_agency, reason="lý do")
    operations.start(case, other_officer)
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS and case.assignee == other_officer
    assert Transfer.objects.get(case=case).state == Transfer.State.ACCEPTED


def test_the_receiving_agency_returns_it_to_triage(case, officer, other_agency, other_officer):
    operations.transfer(case, officer, to_agency=other_agency, reason="lý do")
    operations.return_transfer(case, other_officer, reason="Không thuộc thẩm quyền của Sở Y tế")
    case.refresh_from_db()
    assert case.status == Status.TRIAGE and case.agency is None
    assert Transfer.objects.get(case=case).state == Transfer.State.RETURNED
    assert CaseEvent.objects.filter(case=case, action=EventAction.TRANSFER_RETURNED).exists()


def test_an_answered_case_cannot_be_transferred(case, officer, other_agency):
    case.status = Status.ANSWERED
    case.save()
    with pytest.raises(IllegalTransition):
        operations.transfer(case, officer, to_agency=other_agency, reason="lý do")


def test_it_rejects_transfer_by_other_agencys_officer(client, case, other_officer, third_agency):
    client.force_login(other_officer)
    response = client.post(f"/quy-trinh/ho-so/{case.tracking_code}/transfer/",
                           {"to_agency": third_agency.pk, "reason": "lý do"})
    assert response.status_code == 403


def test_supervisor_reassigns(client, case, supervisor, other_agency):
    client.force_login(supervisor)
    client.post(f"/quy-trinh/ho-so/{case.tracking_code}/reassign/", {"agency": other_agency.pk, "reason": "giao lại"})
    case.refresh_from_db()
    assert case.agency == other_agency and case.status == Status.ASSIGNED
