"""Notifications go through a real SMTP server on loopback and are recorded per case."""

import pytest

from civicdesk.notifications import dispatch
from civicdesk.notifications.models import Notification
from civicdesk.notifications.tasks import send_notification
from civicdesk.petitions.models import CaseEvent, Channel, EventAction
from civicdesk.workflow.intake import NewCase, submit


def test_the_citizen_is_emailed_when_the_case_is_received(routing_rule, smtp_inbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case, _created = submit(NewCase(title="Đèn đường hỏng", content="Đèn đường trước số 5 hỏng một tuần nay.",
                                        category=routing_rule.category, reporter_email="lan@example.vn",
                                        reporter_name="Trần Thị Lan", channel=Channel.WEB))
    [mail] = smtp_inbox.to("lan@example.vn")
    assert mail["subject"] == f"[civicdesk] Đã tiếp nhận phản ánh {case.tracking_code}"
    assert "Trần Thị Lan" in mail["body"] and case.tracking_code in mail["body"]
    notification = Notification.objects.get(case=case)
    assert (notification.state, notification.attempts, notification.event) == ("sent", 1, "received")
    assert CaseEvent.objects.filter(case=case, action=EventAction.NOTIFIED, is_public=False).count() == 1


def test_asking_twice_sends_once(case, smtp_inbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dispatch.notify_reporter(case, "extended", dedupe_key="extension:1", context={"reason": "chờ kiểm định"})
        dispatch.notify_reporter(case, "extended", dedupe_key="extension:1", context={"reason": "chờ kiểm định"})
    assert len(smtp_inbox.to(case.reporter_email)) == 1
    assert Notification.objects.filter(case=case).count() == 1


def test_running_the_task_again_does_not_resend(case, smtp_inbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = dispatch.notify_reporter(case, "received")
    assert send_notification.apply(args=[notification.pk]).get() == "skipped"
    assert len(smtp_inbox.to(case.reporter_email)) == 1


def test_no_email_address_no_notification(case):
    case.reporter_email = ""
    assert dispatch.notify_reporter(case, "received") == []


def test_smtp_down_marks_the_notification_failed(case, settings, django_capture_on_commit_callbacks):
    from tests.notifications.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = dispatch.notify_reporter(case, "received")
    notification.refresh_from_db()
    assert notification.state == "failed" and notification.error
    assert not CaseEvent.objects.filter(case=case, action=EventAction.NOTIFIED).exists()


def test_staff_emails_link_to_the_staff_case_page(case, lead, smtp_inbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        dispatch.notify_staff(case, [lead], "escalated", dedupe_key="x",
                              context={"threshold": "overdue", "threshold_label": "Quá hạn"})
    [mail] = smtp_inbox.to(lead.email)
    assert mail["subject"] == f"[civicdesk] Quá hạn: hồ sơ {case.tracking_code}"
    assert f"/quy-trinh/ho-so/{case.tracking_code}/" in mail["body"]


@pytest.mark.parametrize("event", ["rejected", "reopened", "extended", "merged", "answered", "assigned"])
def test_every_citizen_event_has_a_subject_and_body(case, event):
    from civicdesk.notifications.channels.email import render

    subject, body = render(Notification(case=case, event=event, recipient=case.reporter_email, context={}))
    assert case.tracking_code in subject
    assert case.get_absolute_url() in body
