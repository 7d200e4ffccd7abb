"""The webhook takes only what Zalo signed, once, and only recently."""

import json
import time

from civicdesk.zalo.models import Conversation, SeenEvent
from tests.zalo.fake_zalo import sign

REPORT = "Cột đèn trước số 12 Lê Lợi bị nghiêng sắp đổ, rất nguy hiểm"


def test_zalo_signed_event_is_accepted(phone):
    response = phone.text(REPORT)
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert Conversation.objects.get(user_id=phone.user_id).content == REPORT
    assert "Sự việc ở đâu?" in phone.replies()[-1]


def test_zalo_unsigned_event_is_refused(phone):
    response = phone.text(REPORT, signature="")
    assert response.status_code == 403
    assert not Conversation.objects.exists() and phone.replies() == []


def test_zalo_event_signed_with_another_secret_is_refused(phone):
    ts = str(int(time.time() * 1000))
    body = json.dumps({"app_id": "3104859201748392011", "event_name": "user_send_text", "timestamp": ts,
                       "sender": {"id": phone.user_id}, "message": {"msg_id": "m1", "text": REPORT}}).encode()
    response = phone.text(REPORT, timestamp=int(ts), raw=body, signature=sign(body, ts, oa_secret="guessed"))
    assert response.status_code == 403 and not Conversation.objects.exists()


def test_zalo_tampered_body_is_refused(phone):
    ts = str(int(time.time() * 1000))
    signed = json.dumps({"app_id": "3104859201748392011", "event_name": "user_send_text", "timestamp": ts,
                         "sender": {"id": phone.user_id}, "message": {"msg_id": "m1", "text": "xin chào"}}).encode()
    tampered = signed.replace(b"xin ch", b"status")
    assert phone.text("", timestamp=int(ts), raw=tampered, signature=sign(signed, ts)).status_code == 403


def test_zalo_replayed_event_is_not_acted_on_twice(phone, client):
    ts = int(time.time() * 1000)
    body = json.dumps({"app_id": "3104859201748392011", "event_name": "user_send_text", "timestamp": str(ts),
                       "sender": {"id": phone.user_id}, "recipient": {"id": "1"},
                       "message": {"msg_id": "replayed-1", "text": REPORT}}, ensure_ascii=False).encode()
    first = phone.text("", timestamp=ts, raw=body)
    again = phone.text("", timestamp=ts, raw=body)
    assert first.json() == {"status": "ok"} and again.json() == {"status": "duplicate"}
    assert len(phone.replies()) == 1 and SeenEvent.objects.count() == 1


def test_zalo_old_event_is_refused_even_when_signed(phone, settings):
    two_hours_ago = int((time.time() - 2 * 3600) * 1000)
    assert phone.text(REPORT, timestamp=two_hours_ago).status_code == 403
    assert not Conversation.objects.exists()


def test_zalo_webhook_is_off_by_default(client, fake_zalo, db):
    from tests.zalo.conftest import Phone

    assert Phone(client, fake_zalo).text(REPORT).status_code == 404


def test_zalo_garbage_is_a_clear_400(phone):
    ts = str(int(time.time() * 1000))
    body = b"[1, 2"
    assert phone.text("", timestamp=int(ts), raw=body, signature=sign(body, ts)).status_code == 400


def test_zalo_event_without_a_sender_is_refused(phone):
    ts = int(time.time() * 1000)
    body = json.dumps({"app_id": "3104859201748392011", "event_name": "user_send_text", "timestamp": str(ts),
                       "message": {"msg_id": "x", "text": REPORT}}).encode()
    assert phone.text("", timestamp=ts, raw=body).status_code == 400


def test_zalo_follow_is_welcomed_and_unfollow_drops_the_draft(phone):
    assert phone.event("follow").status_code == 200
    assert "kênh tiếp nhận phản ánh" in phone.replies()[-1]
    phone.text(REPORT)
    assert phone.event("unfollow").status_code == 200
    assert not Conversation.objects.exists()
