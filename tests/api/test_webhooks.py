"""Webhooks are posted to a real HTTP server on loopback; the test checks the signature the way a
client system would."""

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from civicdesk.api.models import ApiClient, WebhookDelivery, WebhookSubscription
from civicdesk.api.tasks import retry_due_webhooks
from civicdesk.api.webhooks import MAX_ATTEMPTS
from civicdesk.petitions.models import Status
from civicdesk.workflow.intake import NewCase, submit
from civicdesk.workflow.transitions import move


class Receiver:
    def __init__(self):
        self.received = []
        self.statuses = []  # answers to give, in order; 200 when empty
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def events(self):
        return [json.loads(body)["event"] for _headers, body in self.received]


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


@pytest.fixture
def subscription(receiver, db):
    client, _key = ApiClient.issue("lgsp")
    return WebhookSubscription.objects.create(client=client, url=receiver.url, secret="bi-mat-ky")


def _verify(secret, headers, body):
    expected = hmac.new(secret.encode(), headers["X-Civicdesk-Timestamp"].encode() + b"." + body,
                        hashlib.sha256).hexdigest()
    return hmac.compare_digest(headers["X-Civicdesk-Signature"], f"sha256={expected}")


def test_a_new_case_is_posted_signed(receiver, subscription, routing_rule, category,
                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case, _ = submit(NewCase(title="Ổ gà", content="Ổ gà lớn trên đường Lê Lợi, gọi 0903123456",
                                 category=category, reporter_name="Lê Văn Cường"))
    assert receiver.events() == ["case.created", "case.status_changed"]
    headers, body = receiver.received[0]
    assert _verify("bi-mat-ky", headers, body)
    assert not _verify("khoa-khac", headers, body)
    data = json.loads(body)
    assert data["case"]["tracking_code"] == case.tracking_code
    assert headers["X-Civicdesk-Event"] == "case.created"
    assert "0903123456" not in body.decode() and "Lê Văn Cường" not in body.decode()
    assert json.loads(receiver.received[1][1])["case"]["status"] == Status.ASSIGNED
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {"delivered"}


def test_an_answered_case_sends_both_status_changed_and_answered(receiver, subscription, case,
                                                                 django_capture_on_commit_callbacks):
    case.status = Status.AWAITING_APPROVAL
    case.save()
    with django_capture_on_commit_callbacks(execute=True):
        move(case, Status.ANSWERED)
    assert receiver.events() == ["case.status_changed", "case.answered"]


def test_only_subscribed_events_are_sent(receiver, subscription, case, django_capture_on_commit_callbacks):
    subscription.events = ["case.answered"]
    subscription.save()
    with django_capture_on_commit_callbacks(execute=True):
        move(case, Status.IN_PROGRESS)
    assert receiver.received == []
    assert not WebhookDelivery.objects.exists()


def test_a_failed_delivery_is_retried_with_backoff(receiver, subscription, case,
                                                   django_capture_on_commit_callbacks):
    receiver.statuses = [503]
    with django_capture_on_commit_callbacks(execute=True):
        move(case, Status.IN_PROGRESS)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == ("pending", 1, 503)
    assert delivery.next_attempt_at > timezone.now() + timedelta(seconds=20)
    assert retry_due_webhooks() == 0  # not due yet
    WebhookDelivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert retry_due_webhooks() == 1
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == ("delivered", 2, 200)
    first, second = receiver.received
    assert first[1] == second[1]  # the same delivery, sent again


def test_a_delivery_that_keeps_failing_ends_as_failed(receiver, subscription, case,
                                                      django_capture_on_commit_callbacks):
    receiver.statuses = [500] * MAX_ATTEMPTS
    with django_capture_on_commit_callbacks(execute=True):
        move(case, Status.IN_PROGRESS)
    for _ in range(MAX_ATTEMPTS - 1):
        WebhookDelivery.objects.update(next_attempt_at=timezone.now() - timedelta(seconds=1))
        retry_due_webhooks()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == ("failed", MAX_ATTEMPTS)
    assert retry_due_webhooks() == 0


def test_an_unreachable_receiver_is_logged(subscription, case, django_capture_on_commit_callbacks):
    WebhookSubscription.objects.update(url="http://127.0.0.1:9/khong-co")
    with django_capture_on_commit_callbacks(execute=True):
        move(case, Status.IN_PROGRESS)
    delivery = WebhookDelivery.objects.get()
    assert delivery.state == "pending" and delivery.last_error and delivery.last_status_code is None


def test_a_revoked_client_gets_nothing(receiver, subscription, case, django_capture_on_commit_callbacks):
    ApiClient.objects.update(revoked_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        move(case, Status.IN_PROGRESS)
    assert receiver.received == []


def test_the_delivery_log_is_in_the_admin(admin_client, receiver, subscription, case,
                                          django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        move(case, Status.IN_PROGRESS)
    page = admin_client.get("/admin/api/webhookdelivery/")
    assert page.status_code == 200
    assert "case.status_changed" in page.content.decode()
