import pytest

from civicdesk.answers import publishing
from civicdesk.answers.models import Answer
from civicdesk.petitions.models import CaseEvent, EventAction, Status
from tests.answers.factories import AnswerFactory


@pytest.fixture
def working_case(case):
    case.status = Status.IN_PROGRESS
    case.save()
    return case


@pytest.fixture
def submitted(working_case, officer):
    answer = publishing.save_draft(
        working_case, officer,
        "Kính gửi ông Nguyễn Văn An (0903 123 456, an.nguyen@example.vn): cống đã được nạo vét.",
        no_evidence_reason="Nạo vét dưới lòng cống, không chụp được ảnh.",
    )
    return publishing.submit_for_approval(answer, officer)


@pytest.fixture
def notified(monkeypatch):
    calls = []
    monkeypatch.setattr("civicdesk.notifications.dispatch.case_answered", lambda case_id, **kwargs: calls.append(case_id))
    return calls


def test_submitting_puts_the_case_in_the_leads_queue(submitted, working_case):
    working_case.refresh_from_db()
    assert submitted.state == Answer.State.SUBMITTED
    assert working_case.status == Status.AWAITING_APPROVAL
    event = working_case.events.get(action=EventAction.ANSWER_DRAFTED)
    assert (event.from_status, event.to_status) == (Status.IN_PROGRESS, Status.AWAITING_APPROVAL)


def test_approving_masks_personal_data_and_publishes(submitted, working_case, lead, notified,
                                                      django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publishing.approve(submitted, lead, "Đồng ý")
    submitted.refresh_from_db()
    working_case.refresh_from_db()
    assert submitted.state == Answer.State.APPROVED
    assert submitted.approved_by == lead and submitted.approved_at is not None
    assert "0903 123 456" not in submitted.public_body
    assert "an.nguyen@example.vn" not in submitted.public_body
    assert "Nguyễn Văn An" not in submitted.public_body and "N.V.A." not in submitted.public_body  # no initials
    assert "Kính gửi ông ***" in submitted.public_body
    assert "cống đã được nạo vét" in submitted.public_body
    assert "Nguyễn Văn An" in submitted.body  # the original stays for staff
    assert working_case.is_public and working_case.status == Status.ANSWERED
    assert working_case.answered_at is not None
    actions = list(working_case.events.values_list("action", flat=True))
    assert actions[-2:] == [EventAction.ANSWER_APPROVED, EventAction.PUBLISHED]
    assert notified == [working_case.pk]


def test_the_reporter_is_told_only_after_the_transaction_commits(submitted, lead, notified,
                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        publishing.approve(submitted, lead)
    assert notified == []
    for callback in callbacks:
        callback()
    assert notified == [submitted.case_id]


def test_returning_needs_a_note_and_writes_an_internal_event(submitted, working_case, lead, notified):
    with pytest.raises(publishing.PublishingError):
        publishing.return_for_changes(submitted, lead, "  ")
    publishing.return_for_changes(submitted, lead, "Bổ sung thời gian hoàn thành")
    submitted.refresh_from_db()
    working_case.refresh_from_db()
    assert submitted.state == Answer.State.RETURNED
    assert submitted.review_note == "Bổ sung thời gian hoàn thành"
    assert working_case.status == Status.IN_PROGRESS and not working_case.is_public
    event = working_case.events.get(action=EventAction.ANSWER_RETURNED)
    assert event.is_public is False and event.note == "Bổ sung thời gian hoàn thành"
    assert notified == []


def test_a_returned_answer_is_edited_and_submitted_again(submitted, working_case, officer, lead):
    publishing.return_for_changes(submitted, lead, "Sửa lại")
    again = publishing.save_draft(working_case, officer, "Nội dung đã sửa")
    assert again.pk == submitted.pk and again.body == "Nội dung đã sửa"
    publishing.submit_for_approval(again, officer)
    working_case.refresh_from_db()
    assert working_case.status == Status.AWAITING_APPROVAL


def test_it_refuses_to_approve_an_answer_that_was_not_submitted(working_case, officer, lead):
    draft = AnswerFactory(case=working_case, author=officer)
    with pytest.raises(publishing.PublishingError):
        publishing.approve(draft, lead)
    working_case.refresh_from_db()
    assert working_case.status == Status.IN_PROGRESS and not working_case.is_public
    assert not CaseEvent.objects.filter(case=working_case, action=EventAction.PUBLISHED).exists()


def test_it_refuses_an_empty_draft_and_a_case_not_in_work(case, officer):
    with pytest.raises(publishing.PublishingError):
        publishing.save_draft(case, officer, "   ")
    case.status = Status.ANSWERED
    case.save()
    with pytest.raises(publishing.PublishingError):
        publishing.save_draft(case, officer, "Trả lời")
