import pytest

from civicdesk.petitions.models import CaseEvent, EventAction, Status
from civicdesk.workflow import operations, refusals
from civicdesk.workflow.operations import RejectionKind, WorkflowError
from civicdesk.workflow.states import IllegalTransition
from tests.factories import CaseFactory


def test_rejection_keeps_the_reason_for_the_citizen(case, operator, smtp_inbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        operations.reject(case, operator, kind=RejectionKind.OUT_OF_SCOPE,
                          reason="Tranh chấp dân sự giữa hai hộ gia đình, đề nghị liên hệ Tòa án.")
    case.refresh_from_db()
    assert case.status == Status.REJECTED and case.closed_at is not None
    assert case.rejection_reason.startswith("Tranh chấp dân sự")
    event = CaseEvent.objects.get(case=case, action=EventAction.REJECTED)
    assert event.is_public and event.data["kind"] == "out_of_scope"
    [mail] = smtp_inbox.to(case.reporter_email)
    assert "Tranh chấp dân sự" in mail["body"]


def test_spam_without_explanation_gets_the_ground_in_plain_words(case, operator):
    operations.reject(case, operator, kind=RejectionKind.SPAM)
    case.refresh_from_db()
    assert case.rejection_reason == refusals.plain_reason(RejectionKind.SPAM)
    assert case.rejection_kind == RejectionKind.SPAM


def test_a_duplicate_is_linked_to_the_original(case, operator, category, agency):
    original = CaseFactory(category=category, agency=agency)
    operations.reject(case, operator, kind=RejectionKind.DUPLICATE, duplicate_of=original)
    case.refresh_from_db()
    assert case.status == Status.REJECTED and case.duplicate_of == original
    assert original.tracking_code in case.rejection_reason


def test_a_duplicate_needs_its_original(case, operator):
    with pytest.raises(WorkflowError):
        operations.reject(case, operator, kind=RejectionKind.DUPLICATE)


def test_an_answered_case_cannot_be_rejected(case, operator):
    case.status = Status.ANSWERED
    case.save()
    with pytest.raises(IllegalTransition):
        operations.reject(case, operator, kind=RejectionKind.SPAM)


def test_a_rejection_can_be_withdrawn(case, operator):
    operations.reject(case, operator, kind=RejectionKind.SPAM)
    operations.withdraw_rejection(case, operator)
    case.refresh_from_db()
    assert case.status == Status.TRIAGE and case.rejection_reason == "" and case.closed_at is None


def test_the_form_shows_the_illegal_transition_as_an_error(client, case, operator):
    case.status = Status.CLOSED
    case.save()
    client.force_login(operator)
    response = client.post(f"/quy-trinh/ho-so/{case.tracking_code}/reject/", {"kind": "spam"}, follow=True)
    assert "Không thể chuyển hồ sơ từ trạng thái “Đã đóng” sang “Từ chối”" in response.content.decode()
    case.refresh_from_db()
    assert case.status == Status.CLOSED


def test_it_rejects_rejection_by_an_officer(client, case, officer):
    client.force_login(officer)
    assert client.post(f"/quy-trinh/ho-so/{case.tracking_code}/reject/", {"kind": "spam"}).status_code == 403
