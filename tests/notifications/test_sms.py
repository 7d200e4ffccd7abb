"""SMS out through a brandname gateway: the fake eSMS.vn gateway (tests/notifications/sms_gateway.py)
is a real HTTP server on loopback; failures are retried, nothing is sent twice, nothing is lost,
delivery reports are recorded."""

import pytest

from civicdesk.notifications import dispatch, sms_text
from civicdesk.notifications.models import Notification
from civicdesk.notifications.tasks import send_notification
from civicdesk.petitions import reporter_access
from civicdesk.petitions.models import CaseEvent, Channel, EventAction
from civicdesk.workflow.intake import NewCase, submit

PHONE = "0912345678"


@pytest.fixture
def hotline_case(routing_rule, sms_gateway, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case, _created = submit(NewCase(
            title="Đèn đường hỏng trước số 5 Lê Lợi", content="Người gọi báo đèn đường hỏng một tuần nay.",
            category=routing_rule.category, channel=Channel.HOTLINE, reporter_phone=PHONE,
            reporter_name="Nguyễn Văn Đông"))
    return case


def test_sms_receipt_reaches_a_hotline_caller_without_email(hotline_case, sms_gateway):
    [message] = sms_gateway.to(PHONE)
    assert message.is_unicode == "0" and sms_text.is_gsm7(message.content)
    assert "Da tiep nhan phan anh" in message.content and "Den duong hong" in message.content
    assert hotline_case.tracking_code in message.content
    assert message.content.endswith(reporter_access.secret_link(hotline_case))  # the caller's own link
    assert sms_text.segments(message.content) <= 2
    notification = Notification.objects.get(case=hotline_case)
    assert (notification.channel, notification.recipient, notification.state) == ("sms", PHONE, "sent")
    assert notification.provider_id == message.sms_id and notification.attempts == 1
    assert message.request_id == f"civicdesk-{notification.pk}"
    assert CaseEvent.objects.filter(case=hotline_case, action=EventAction.NOTIFIED).count() == 1


def test_sms_delivery_report_is_recorded(hotline_case, sms_gateway, client):
    [message] = sms_gateway.to(PHONE)
    path, query = sms_gateway.delivery_report(message)
    response = client.get(path, query)
    assert response.status_code == 200
    notification = Notification.objects.get(case=hotline_case)
    assert notification.delivery == "delivered" and notification.delivered_at is not None
    assert client.get(path, query).status_code == 200  # the gateway repeats itself: harmless


def test_sms_undelivered_report(hotline_case, sms_gateway, client):
    path, query = sms_gateway.delivery_report(sms_gateway.to(PHONE)[0], delivered=False)
    client.get(path, query)
    assert Notification.objects.get(case=hotline_case).delivery == "undelivered"


def test_sms_delivery_report_with_a_wrong_signature_is_refused(hotline_case, sms_gateway, client):
    path, query = sms_gateway.delivery_report(sms_gateway.to(PHONE)[0])
    notification = Notification.objects.get(case=hotline_case)
    forged = path.replace(path.rstrip("/").rsplit("/", 1)[1], "0" * 40)
    assert client.get(forged, query).status_code == 403
    other = path.replace(f"/{notification.pk}/", f"/{notification.pk + 1}/")  # a signature is for one row
    assert client.get(other, query).status_code == 403
    notification.refresh_from_db()
    assert notification.delivery == ""


def test_sms_gateway_500_is_retried_and_sent_once(case, sms_gateway, django_capture_on_commit_callbacks):
    case.channel, case.reporter_phone = Channel.HOTLINE, PHONE
    sms_gateway.fail_next(2, "500")
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = dispatch.notify_reporter(case, "received")
    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == ("failed", 1) and "500" in notification.error
    assert sms_gateway.sent == []
    assert send_notification.apply(args=[notification.pk]).get() == "failed"  # the worker's retry
    assert send_notification.apply(args=[notification.pk]).get() == "sent"
    notification.refresh_from_db()
    assert (notification.state, notification.attempts, notification.error) == ("sent", 3, "")
    assert len(sms_gateway.to(PHONE)) == 1


def test_sms_timeout_after_the_gateway_took_it_is_not_sent_twice(case, sms_gateway,
                                                                 django_capture_on_commit_callbacks):
    case.channel, case.reporter_phone = Channel.HOTLINE, PHONE
    sms_gateway.fail_next(1, "timeout")
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = dispatch.notify_reporter(case, "received")
    notification.refresh_from_db()
    assert notification.state == "failed" and "timed out" in notification.error
    assert send_notification.apply(args=[notification.pk]).get() == "sent"  # the gateway says: duplicate
    assert len(sms_gateway.to(PHONE)) == 1 and sms_gateway.requests == 2
    assert Notification.objects.get(pk=notification.pk).state == "sent"


def test_sms_gateway_down_is_retried_later(case, sms_gateway, settings, django_capture_on_commit_callbacks):
    from tests.notifications.smtp import free_port

    case.channel, case.reporter_phone = Channel.HOTLINE, PHONE
    settings.SMS_URL = f"http://127.0.0.1:{free_port()}/send"  # nothing listens there
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = dispatch.notify_reporter(case, "received")
    notification.refresh_from_db()
    assert notification.state == "failed"
    settings.SMS_URL = sms_gateway.url
    assert send_notification.apply(args=[notification.pk]).get() == "sent"


def test_sms_wrong_credentials_are_a_final_refusal(case, sms_gateway, settings, django_capture_on_commit_callbacks):
    case.channel, case.reporter_phone = Channel.HOTLINE, PHONE
    settings.SMS_SECRET_KEY = "wrong"
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = dispatch.notify_reporter(case, "received")
    notification.refresh_from_db()
    assert notification.state == "failed" and "code 101" in notification.error
    assert not CaseEvent.objects.filter(case=case, action=EventAction.NOTIFIED).exists()


def test_sms_in_unicode_when_the_city_pays_for_it(case, sms_gateway, settings, django_capture_on_commit_callbacks):
    settings.SMS_UNICODE, settings.SMS_MAX_SEGMENTS = True, 3  # 67 characters a part: the link takes one
    case.channel, case.reporter_phone = Channel.SMS, PHONE
    with django_capture_on_commit_callbacks(execute=True):
        dispatch.notify_reporter(case, "received")
    [message] = sms_gateway.to(PHONE)
    assert message.is_unicode == "1" and "Đã tiếp nhận phản ánh" in message.content
    assert sms_text.segments(message.content) <= 3


def test_sms_long_titles_are_shortened_to_the_segment_limit(case, sms_gateway, settings,
                                                            django_capture_on_commit_callbacks):
    case.channel, case.reporter_phone = Channel.SMS, PHONE
    case.title = "Nước ngập sâu " * 14
    case.save(update_fields=["title"])
    settings.SMS_MAX_SEGMENTS = 1
    with django_capture_on_commit_callbacks(execute=True):
        dispatch.notify_reporter(case, "answered", dedupe_key="a", context={"answer": "x" * 2000})
    [message] = sms_gateway.to(PHONE)
    assert sms_text.segments(message.content) == 1 and 150 < sms_text.units(message.content) <= 160
    assert "Nuoc ngap sau" in message.content and "..." in message.content
    assert message.content.endswith(f"Xem: {reporter_access.secret_link(case)}")  # the reporter's own link
    assert "x" * 50 not in message.content  # the answer itself is read on the site


def test_sms_text_rules():
    assert sms_text.unaccent("Đường Nguyễn Huệ, phường Bến Thành – “ngập”") == 'Duong Nguyen Hue, phuong Ben Thanh - "ngap"'
    assert sms_text.segments("a" * 160) == 1 and sms_text.segments("a" * 161) == 2
    assert sms_text.segments("a" * 306) == 2 and sms_text.segments("a" * 307) == 3
    assert sms_text.segments("ạ" * 70) == 1 and sms_text.segments("ạ" * 71) == 2
    assert sms_text.units("[x]") == 5  # brackets are in the extension table: two septets each
