from django.utils import timezone

from civicdesk.answers.models import Answer
from civicdesk.notifications.models import Notification
from civicdesk.petitions.models import Status
from civicdesk.workflow import operations
from civicdesk.workflow.transitions import move
from tests.factories import CaseFactory


def test_every_reporter_gets_the_one_answer(case, officer, lead, operator, category, agency, smtp_inbox,
                                            django_capture_on_commit_callbacks):
    second = CaseFactory(category=category, agency=agency, reporter_email="binh@example.vn")
    third = CaseFactory(category=category, agency=agency, reporter_email="chi@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        operations.merge(case, [second, third], operator)
    second.refresh_from_db()
    assert second.status == Status.REJECTED and second.duplicate_of == case
    assert [m["subject"] for m in smtp_inbox.to("binh@example.vn")] == [
        f"[civicdesk] Phản ánh {second.tracking_code} được xử lý chung với phản ánh trùng"]

    Answer.objects.create(case=case, author=officer, body="Đã nạo vét cống trên đường Lê Lợi.",
                          public_body="Đã nạo vét cống trên đường Lê Lợi.", state=Answer.State.APPROVED,
                          approved_by=lead, approved_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        move(case, Status.IN_PROGRESS, officer)
        move(case, Status.AWAITING_APPROVAL, officer)
        move(case, Status.ANSWERED, lead)
    for address in (case.reporter_email, "binh@example.vn", "chi@example.vn"):
        answered = [m for m in smtp_inbox.to(address) if "đã có trả lời" in m["subject"]]
        assert len(answered) == 1, address
        assert "Đã nạo vét cống" in answered[0]["body"]
    assert Notification.objects.filter(case=third, event="answered", state="sent").count() == 1


def test_merging_into_an_answered_case_sends_its_answer_at_once(case, operator, lead, category, agency, smtp_inbox,
                                                                django_capture_on_commit_callbacks):
    case.status = Status.ANSWERED
    case.answered_at = timezone.now()
    case.save()
    late = CaseFactory(category=category, agency=agency, reporter_email="dung@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        operations.merge(case, [late], operator)
    assert any("đã có trả lời" in m["subject"] for m in smtp_inbox.to("dung@example.vn"))
    assert not any("đã có trả lời" in m["subject"] for m in smtp_inbox.to(case.reporter_email))


def test_merge_through_the_case_page(client, case, operator, category, agency):
    other = CaseFactory(category=category, agency=agency)
    client.force_login(operator)
    client.post(f"/quy-trinh/ho-so/{case.tracking_code}/merge/", {"codes": other.tracking_code.lower()})
    other.refresh_from_db()
    assert other.duplicate_of == case
