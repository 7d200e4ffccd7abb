"""A reply the reporter's first channel cannot deliver — refused for good, or its retries used up —
goes on the next channel of their reply order (`dispatch.REPLY_ORDER`), as a new row that says which
channel delivered; against the loopback eSMS gateway, the loopback Zalo and a real SMTP server."""

from django.utils import timezone

from civicdesk.notifications import dispatch
from civicdesk.notifications.models import Notification, ZaloContact
from civicdesk.notifications.tasks import send_notification
from civicdesk.petitions.models import CaseEvent, Channel, EventAction
from tests.factories import CaseFactory
from tests.zalo.conftest import CITIZEN, fake_zalo, zalo_account  # noqa: F401

PHONE, EMAIL = "0912345678", "an.nguyen@example.vn"


def _hotline_case(category, agency):
    return CaseFactory(category=category, agency=agency, channel=Channel.HOTLINE, reporter_phone=PHONE,
                       reporter_email=EMAIL, reporter_zalo_id="")


def _fallback_events(case):
    return [e for e in CaseEvent.objects.filter(case=case, action=EventAction.NOTIFIED) if e.data.get("failed")]


def test_sms_refused_for_good_falls_back_to_email(category, agency, sms_gateway, smtp_inbox, settings,
                                                  django_capture_on_commit_callbacks):
    settings.SMS_SECRET_KEY = "wrong"  # the gateway answers 101: retrying cannot help
    case = _hotline_case(category, agency)
    with django_capture_on_commit_callbacks(execute=True):
        [sms] = dispatch.notify_reporter(case, "received")
    sms.refresh_from_db()
    assert sms.state == "failed" and "code 101" in sms.error and sms_gateway.sent == []
    mail = Notification.objects.get(case=case, channel="email")
    assert (mail.recipient, mail.state, mail.context["fallback_of"]) == (EMAIL, "sent", sms.pk)
    [message] = smtp_inbox.to(EMAIL)
    assert case.tracking_code in message["body"]
    [event] = _fallback_events(case)
    assert event.data["fallback_channel"] == "email" and "gửi lại qua Thư điện tử" in event.note
    delivered = CaseEvent.objects.filter(case=case, action=EventAction.NOTIFIED, data__channel="email")
    assert delivered.count() == 1  # the timeline records the channel that delivered


def test_sms_retries_used_up_fall_back_to_email_once(category, agency, sms_gateway, smtp_inbox,
                                                     django_capture_on_commit_callbacks):
    case = _hotline_case(category, agency)
    sms_gateway.fail_next(3, "500")
    with django_capture_on_commit_callbacks(execute=True):
        [sms] = dispatch.notify_reporter(case, "received")
    assert send_notification.apply(args=[sms.pk], retries=1).get() == "failed"  # tries left: no fallback yet
    assert smtp_inbox.messages == [] and not Notification.objects.filter(case=case, channel="email").exists()
    last = send_notification.max_retries
    with django_capture_on_commit_callbacks(execute=True):
        assert send_notification.apply(args=[sms.pk], retries=last).get() == "given up"
    assert send_notification.apply(args=[sms.pk]).get() == "skipped"  # a repeated task: not sent twice
    assert sms_gateway.sent == [] and len(smtp_inbox.to(EMAIL)) == 1
    assert Notification.objects.filter(case=case, channel="email", state="sent").count() == 1


def test_sms_fallback_skips_channels_without_address_and_stops_at_the_end(category, agency, sms_gateway, settings,
                                                                          django_capture_on_commit_callbacks):
    settings.SMS_SECRET_KEY = "wrong"
    case = _hotline_case(category, agency)
    case.reporter_email = ""
    case.save()
    with django_capture_on_commit_callbacks(execute=True):
        [_sms] = dispatch.notify_reporter(case, "received")
    assert list(Notification.objects.filter(case=case).values_list("channel", "state")) == [("sms", "failed")]
    assert _fallback_events(case) == []


def test_zalo_refused_falls_back_to_sms(category, agency, fake_zalo, zalo_account, sms_gateway,  # noqa: F811
                                        django_capture_on_commit_callbacks):
    fake_zalo.templates = set()  # outside the window and ZNS refuses the template (-201): for good
    ZaloContact.objects.create(user_id=CITIZEN, last_interaction_at=timezone.now() - timezone.timedelta(days=8))
    case = CaseFactory(category=category, agency=agency, channel=Channel.ZALO, reporter_zalo_id=CITIZEN,
                       reporter_phone=PHONE, reporter_email=EMAIL)
    with django_capture_on_commit_callbacks(execute=True):
        [zalo] = dispatch.notify_reporter(case, "answered", dedupe_key="a", context={"answer": "Đã sửa."})
    zalo.refresh_from_db()
    assert zalo.state == "failed" and fake_zalo.zns == [] and fake_zalo.messages == []
    sms = Notification.objects.get(case=case, channel="sms")
    assert sms.state == "sent" and sms.context["fallback_of"] == zalo.pk
    assert len(sms_gateway.to(PHONE)) == 1
    assert not Notification.objects.filter(case=case, channel="email").exists()  # SMS delivered: no further


def test_staff_mail_does_not_fall_back(category, agency, lead, sms_gateway, django_capture_on_commit_callbacks):
    case = _hotline_case(category, agency)
    failed = Notification.objects.create(case=case, channel="sms", recipient=PHONE, event="escalated", to_staff=True)
    assert dispatch.fall_back(failed) is None
