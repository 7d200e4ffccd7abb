"""A report collected over Zalo: what, where, photos, phone, confirm — then one case through intake."""

from datetime import timedelta

import pytest
from django.utils import timezone

from civicdesk.notifications.models import Notification
from civicdesk.petitions.models import Case, Channel
from civicdesk.zalo import conversation as dialogue
from civicdesk.zalo.models import Conversation, ConversationPhoto, Reply, Step
from tests.zalo.conftest import jpeg

REPORT = "Cột đèn trước số 12 Lê Lợi bị nghiêng sắp đổ, rất nguy hiểm"
BEN_THANH = (10.7713, 106.694)
HANOI = (21.0285, 105.8542)


@pytest.fixture
def reporting(phone, routing_rule, wards):
    return phone


def _send_report(phone, *, place=BEN_THANH, photos=(), tel="bỏ qua"):
    phone.text(REPORT)
    phone.location(*place)
    for url in photos:
        phone.image(url)
    phone.text("xong")
    phone.text(tel)
    return phone.text("đồng ý")


def test_zalo_report_becomes_one_case_with_photo_and_receipt(reporting, fake_zalo):
    url = fake_zalo.cdn("den.jpg", jpeg())
    assert _send_report(reporting, photos=[url], tel="0901 234 567").status_code == 200
    case = Case.objects.get()
    assert (case.channel, case.content, case.reporter_zalo_id) == (Channel.ZALO, REPORT, reporting.user_id)
    assert case.ward.code == "26743" and case.lat == pytest.approx(10.7713)
    assert case.reporter_phone == "0901234567" and case.attachments.count() == 1
    assert not Conversation.objects.exists() and not ConversationPhoto.objects.exists()
    receipt = Notification.objects.get(case=case, event="received")
    assert (receipt.channel, receipt.recipient, receipt.state) == ("zalo", reporting.user_id, "sent")
    assert case.tracking_code in reporting.replies()[-1]
    summary = reporting.replies()[-2]
    assert "Kiểm tra lại phản ánh" in summary and "Ảnh: 1" in summary and "0901234567" in summary


def test_zalo_typed_address_is_resolved_to_a_ward(reporting):
    reporting.text(REPORT)
    reporting.text("12 Lê Lợi, phường Bến Thành")
    assert "gửi tối đa 5 ảnh" in reporting.replies()[-1]
    draft = Conversation.objects.get()
    assert (draft.ward_code, draft.step) == ("26743", Step.PHOTOS)


def test_zalo_address_without_a_ward_is_asked_again(reporting):
    reporting.text(REPORT)
    reporting.text("gần chợ nhà tôi")
    assert "Chưa xác định được phường/xã" in reporting.replies()[-1]
    assert Conversation.objects.get().step == Step.WHERE


def test_zalo_location_outside_the_province_is_refused(reporting):
    reporting.text(REPORT)
    reporting.location(*HANOI)
    assert "nằm ngoài địa bàn Thành phố Hồ Chí Minh" in reporting.replies()[-1]
    draft = Conversation.objects.get()
    assert draft.step == Step.WHERE and draft.lat is None and not draft.ward_code


def test_zalo_photo_too_large_is_refused_with_a_clear_message(reporting, fake_zalo, settings):
    settings.ATTACHMENT_MAX_BYTES = 200_000
    reporting.text(REPORT)
    reporting.location(*BEN_THANH)
    reporting.image(fake_zalo.cdn("big.jpg", b"\xff\xd8\xff" + b"0" * 300_000))
    assert "Ảnh quá lớn: mỗi ảnh tối đa 0,2 MB. Hãy gửi ảnh nhỏ hơn." in reporting.replies()[-1]
    assert not ConversationPhoto.objects.exists()


def test_zalo_photo_that_is_not_an_image_is_refused(reporting, fake_zalo):
    reporting.text(REPORT)
    reporting.image(fake_zalo.cdn("virus.jpg", b"MZ" + b"\0" * 1000))
    assert "không được chấp nhận" in reporting.replies()[-1]
    assert not ConversationPhoto.objects.exists()


def test_zalo_short_greeting_starts_nothing(reporting):
    reporting.text("xin chào")
    assert "Bạn muốn phản ánh việc gì?" in reporting.replies()[-1]
    assert not Conversation.objects.exists()


def test_zalo_cancel_drops_the_draft(reporting):
    reporting.text(REPORT)
    reporting.text("hủy")
    assert not Conversation.objects.exists() and "Đã hủy" in reporting.replies()[-1]


def test_zalo_confirming_twice_makes_one_case(reporting):
    _send_report(reporting)
    reporting.text("đồng ý")
    assert Case.objects.count() == 1


def test_zalo_status_query_answers_the_status(reporting):
    _send_report(reporting)
    case = Case.objects.get()
    reporting.text(f"tra cứu {case.tracking_code.lower().replace('-', '')}")
    assert reporting.replies()[-1].startswith(f"Phản ánh {case.tracking_code}: {case.get_status_display()}.")
    reporting.text(f"status {case.tracking_code}")
    assert case.get_status_display() in reporting.replies()[-1]


def test_zalo_status_of_an_unknown_code(reporting):
    reporting.text("tra cứu ABCD-2345")
    assert "Không tìm thấy phản ánh" in reporting.replies()[-1]


def test_zalo_another_user_sees_only_the_public_answer(reporting, client, fake_zalo, django_capture_on_commit_callbacks):
    from tests.zalo.conftest import Phone

    _send_report(reporting)
    case = Case.objects.get()
    case.status = "answered"
    case.answered_at = timezone.now()
    case.save()
    from tests.answers.factories import AnswerFactory

    AnswerFactory(case=case, body="Kính gửi ông Trần Văn Bình, cột đèn đã được thay.", public_body="Cột đèn đã được thay.",
                  state="approved", approved_at=timezone.now())
    stranger = Phone(client, fake_zalo, user_id="1111222233334444", on_commit=django_capture_on_commit_callbacks)
    stranger.text(f"tra cứu {case.tracking_code}")
    assert "Cột đèn đã được thay." in stranger.replies()[-1] and "Trần Văn Bình" not in stranger.replies()[-1]
    reporting.text(f"tra cứu {case.tracking_code}")
    assert "Trần Văn Bình" in reporting.replies()[-1]


def test_zalo_abandoned_draft_is_reminded_once_then_expires(reporting, django_capture_on_commit_callbacks):
    reporting.text(REPORT)
    reporting.location(*BEN_THANH)
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        assert dialogue.remind_and_expire(start + timedelta(minutes=10)) == {"reminded": 0, "expired": 0}
        assert dialogue.remind_and_expire(start + timedelta(minutes=31)) == {"reminded": 1, "expired": 0}
        assert dialogue.remind_and_expire(start + timedelta(minutes=50)) == {"reminded": 0, "expired": 0}
    assert "chưa gửi xong" in reporting.replies()[-1] and "gửi tối đa 5 ảnh" in reporting.replies()[-1]
    assert Conversation.objects.get().reminded_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert dialogue.remind_and_expire(start + timedelta(hours=25)) == {"reminded": 0, "expired": 1}
    assert "đã bị hủy" in reporting.replies()[-1]
    assert not Conversation.objects.exists() and not ConversationPhoto.objects.exists()
    assert not Case.objects.exists()
    assert Reply.objects.filter(state="sent").count() == len(reporting.replies())


def test_zalo_a_new_message_after_the_reminder_resets_it(reporting, django_capture_on_commit_callbacks):
    reporting.text(REPORT)
    with django_capture_on_commit_callbacks(execute=True):
        dialogue.remind_and_expire(timezone.now() + timedelta(minutes=31))
    reporting.location(*BEN_THANH)
    assert Conversation.objects.get().reminded_at is None


def test_zalo_old_replies_and_seen_events_are_forgotten(reporting):
    from civicdesk.zalo.models import SeenEvent
    from civicdesk.zalo.tasks import forget_old_rows

    reporting.text(REPORT)
    assert forget_old_rows() == {"seen_events": 0, "replies": 0}
    SeenEvent.objects.update(received_at=timezone.now() - timedelta(days=2))
    Reply.objects.update(created_at=timezone.now() - timedelta(days=31))
    assert forget_old_rows() == {"seen_events": 1, "replies": 1}
