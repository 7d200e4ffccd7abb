"""Messages to a reporter through the OA: consultation inside the window, ZNS outside it, retries on
Zalo's failures without loss or repetition, and the single-use refresh token."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from civicdesk.notifications import dispatch, zalo_api
from civicdesk.notifications.models import Notification, ZaloAccount, ZaloContact
from civicdesk.notifications.tasks import send_notification
from civicdesk.petitions.models import Channel
from tests.factories import CaseFactory
from tests.zalo.conftest import CITIZEN


@pytest.fixture
def zalo_case(zalo_account, category, agency):
    ZaloContact.objects.create(user_id=CITIZEN, last_interaction_at=timezone.now())
    return CaseFactory(category=category, agency=agency, channel=Channel.ZALO, reporter_zalo_id=CITIZEN,
                       reporter_email="", reporter_phone="0912345678")


def _notify(case, on_commit, event="extended", key="1"):
    with on_commit(execute=True):
        [notification] = dispatch.notify_reporter(case, event, dedupe_key=key, context={"reason": "chờ vật tư"})
    notification.refresh_from_db()
    return notification


def test_zalo_inside_the_window_goes_as_a_consultation_message(zalo_case, fake_zalo, django_capture_on_commit_callbacks):
    fake_zalo.window_open.add(CITIZEN)
    notification = _notify(zalo_case, django_capture_on_commit_callbacks)
    assert (notification.channel, notification.state, notification.attempts) == ("zalo", "sent", 1)
    [text] = fake_zalo.texts_to(CITIZEN)
    assert f"Thời hạn xử lý phản ánh {zalo_case.tracking_code} được gia hạn." in text
    assert f"/tra-cuu/{zalo_case.tracking_code}/" in text and fake_zalo.zns == []


def test_zalo_outside_the_window_goes_as_zns(zalo_case, fake_zalo, django_capture_on_commit_callbacks):
    ZaloContact.objects.filter(user_id=CITIZEN).update(last_interaction_at=timezone.now() - timedelta(days=8))
    notification = _notify(zalo_case, django_capture_on_commit_callbacks, event="answered")
    assert notification.state == "sent" and fake_zalo.messages == []
    [zns] = fake_zalo.zns
    assert (zns["phone"], zns["template_id"]) == ("84912345678", "tpl-answered")
    assert zns["template_data"]["ma_ho_so"] == zalo_case.tracking_code
    assert zns["tracking_id"] == f"civicdesk-{notification.pk}"


def test_zalo_says_the_window_closed_then_zns(zalo_case, fake_zalo, django_capture_on_commit_callbacks):
    # civicdesk thinks the window is open, Zalo knows better (-230): the ZNS template goes instead.
    notification = _notify(zalo_case, django_capture_on_commit_callbacks)
    assert notification.state == "sent" and [z["template_id"] for z in fake_zalo.zns] == ["tpl-progress"]


def test_zalo_outside_the_window_without_phone_is_recorded_undeliverable(zalo_case, fake_zalo,
                                                                         django_capture_on_commit_callbacks):
    zalo_case.reporter_phone = ""
    zalo_case.save()
    notification = _notify(zalo_case, django_capture_on_commit_callbacks)
    assert notification.state == "failed" and "-230" in notification.error
    assert fake_zalo.messages == [] and fake_zalo.zns == []


@pytest.mark.parametrize("failure", ["500", "hang", "ratelimit"])
def test_zalo_failure_is_retried_and_sent_once(zalo_case, fake_zalo, failure, django_capture_on_commit_callbacks):
    fake_zalo.window_open.add(CITIZEN)
    fake_zalo.failures = [failure]
    notification = _notify(zalo_case, django_capture_on_commit_callbacks)
    assert notification.state == "failed" and fake_zalo.messages == []  # nothing delivered, nothing lost
    assert send_notification.apply(args=[notification.pk]).get() == "sent"  # the retry
    assert send_notification.apply(args=[notification.pk]).get() == "skipped"  # a duplicate task
    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == ("sent", 2)
    assert len(fake_zalo.texts_to(CITIZEN)) == 1


def test_zalo_retries_back_off(zalo_case, fake_zalo, monkeypatch):
    """With a broker the task asks Celery to retry later, each time twice as late."""
    fake_zalo.window_open.add(CITIZEN)
    fake_zalo.failures = ["500"]
    notification = Notification.objects.create(case=zalo_case, channel="zalo", recipient=CITIZEN, event="extended")
    asked = {}

    def retry(**kwargs):
        asked.update(kwargs)
        return RuntimeError("retry")

    monkeypatch.setattr(send_notification, "retry", retry)
    with pytest.raises(RuntimeError):
        send_notification.run.__func__(_Task(retries=2, retry=retry), notification.pk)
    assert asked["countdown"] == 120 and isinstance(asked["exc"], zalo_api.ZaloUnavailable)


class _Task:
    def __init__(self, retries, retry):
        self.request = type("Request", (), {"is_eager": False, "retries": retries})()
        self.retry = retry
        self.max_retries = send_notification.max_retries


def test_zalo_expired_access_token_is_refreshed_then_the_message_sent(zalo_case, zalo_account, fake_zalo,
                                                                      django_capture_on_commit_callbacks):
    fake_zalo.window_open.add(CITIZEN)
    old_access, old_refresh = zalo_account.access_token, zalo_account.refresh_token
    fake_zalo.expire(old_access)  # Zalo says so (-216) though civicdesk thought it valid
    notification = _notify(zalo_case, django_capture_on_commit_callbacks)
    assert notification.state == "sent" and fake_zalo.refreshes == 1
    account = ZaloAccount.load()
    assert account.access_token != old_access and account.refresh_token != old_refresh
    assert account.access_token_expires_at > timezone.now() + timedelta(hours=24)
    assert account.refresh_token_expires_at > timezone.now() + timedelta(days=89)


def test_zalo_token_known_to_be_expired_is_refreshed_before_sending(zalo_account, fake_zalo):
    fake_zalo.window_open.add(CITIZEN)
    ZaloAccount.objects.filter(pk=1).update(access_token_expires_at=timezone.now() - timedelta(minutes=1))
    zalo_api.send_text(CITIZEN, "xin chào")
    zalo_api.send_text(CITIZEN, "lần hai")
    assert fake_zalo.refreshes == 1 and len(fake_zalo.messages) == 2


def test_zalo_refused_refresh_is_noted_for_the_administrator(zalo_account, fake_zalo):
    ZaloAccount.objects.filter(pk=1).update(access_token_expires_at=timezone.now() - timedelta(minutes=1),
                                            refresh_token="rt-already-used")
    with pytest.raises(zalo_api.ZaloError) as refused:
        zalo_api.send_text(CITIZEN, "xin chào")
    assert refused.value.code == -14014
    assert "Invalid refresh token" in ZaloAccount.load().last_refresh_error


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_zalo_two_workers_refresh_once(fake_zalo, settings):
    """Two workers find the token expired at the same moment: one refresh, both get the new token
    (a second refresh would spend the single-use refresh token already spent and be refused)."""
    from tests.zalo.fake_zalo import APP_ID, APP_SECRET

    access, refresh = fake_zalo.issue_tokens()
    ZaloAccount.objects.create(pk=1, enabled=True, app_id=APP_ID, app_secret=APP_SECRET, access_token=access,
                               refresh_token=refresh, access_token_expires_at=timezone.now() - timedelta(minutes=1))
    fake_zalo.refresh_delay = 0.5  # the first refresh is still under way when the second worker asks
    results, errors = [], []
    barrier = threading.Barrier(2)

    def worker():
        try:
            barrier.wait()
            results.append(zalo_api.access_token())
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and fake_zalo.refreshes == 1
    assert results[0] == results[1] == ZaloAccount.load().access_token


def test_zalo_received_event_marks_the_notification_delivered(zalo_case, fake_zalo, phone,
                                                              django_capture_on_commit_callbacks):
    notification = _notify(zalo_case, django_capture_on_commit_callbacks)
    assert notification.provider_id and notification.delivery == ""
    response = phone.event("user_received_message", {"msg_ids": [notification.provider_id]})
    assert response.status_code == 200
    notification.refresh_from_db()
    assert notification.delivery == "delivered" and notification.delivered_at is not None


def test_zalo_timeout_after_delivery_is_not_sent_twice(zalo_case, fake_zalo, settings,
                                                       django_capture_on_commit_callbacks):
    """Zalo delivers the message but answers after the client's timeout: the retry finds the message
    in the conversation and marks the row sent instead of sending it again (no idempotency key)."""
    fake_zalo.window_open.add(CITIZEN)
    settings.ZALO_TIMEOUT, fake_zalo.hang_seconds = 0.5, 1.5
    fake_zalo.failures = ["slow"]
    notification = _notify(zalo_case, django_capture_on_commit_callbacks)
    assert notification.state == "failed" and "timed out" in notification.error
    assert len(fake_zalo.texts_to(CITIZEN)) == 1  # Zalo has it, civicdesk does not know
    assert send_notification.apply(args=[notification.pk]).get() == "sent"  # the retry
    notification.refresh_from_db()
    assert len(fake_zalo.texts_to(CITIZEN)) == 1
    assert "zalo_attempted_at" in notification.context
    assert (notification.state, notification.provider_id) == ("sent", fake_zalo.message_ids[0][0])


def test_zalo_timeout_before_delivery_is_sent_on_retry(zalo_case, fake_zalo, settings,
                                                       django_capture_on_commit_callbacks):
    """The mirror case: Zalo never handled the request (it hung), the conversation does not have the
    message, the retry sends it — once."""
    fake_zalo.window_open.add(CITIZEN)
    settings.ZALO_TIMEOUT, fake_zalo.hang_seconds = 0.5, 1.5
    fake_zalo.failures = ["hang"]
    notification = _notify(zalo_case, django_capture_on_commit_callbacks)
    assert notification.state == "failed" and fake_zalo.messages == []
    assert send_notification.apply(args=[notification.pk]).get() == "sent"
    assert len(fake_zalo.texts_to(CITIZEN)) == 1
