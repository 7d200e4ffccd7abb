"""Issue 12, item 10: Redis or the broker being down costs no citizen a 500 or a lost case.

The cache and the broker are pointed at a real address where nothing listens (a closed port on
127.0.0.1); requests go through the real views and API. With Redis on 127.0.0.1:6379 the tasks
kept meanwhile are then published to it for real; without, they are run as the worker would."""

import json
import logging
import socket

import kombu.pools
import pytest
import redis
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civicdesk.celery_app import app as celery_app
from civicdesk.lib import failsoft_cache
from civicdesk.notifications.models import Notification
from civicdesk.notifications.tasks import send_notification
from civicdesk.outbox import enqueue
from civicdesk.outbox.models import PendingTask
from civicdesk.petitions.forms import new_form_token
from civicdesk.petitions.models import Case
from tests.factories import CaseFactory

API = "/api/v1/cases"
BODY = {
    "content": "Đèn chiếu sáng đường Nguyễn Huệ bị tắt cả tuần nay, buổi tối rất tối và nguy hiểm.",
    "category": "ha-tang-do-thi", "address": "Đường Nguyễn Huệ", "lat": 10.7745, "lon": 106.7033,
    "reporter_name": "Trần Thị Bình", "reporter_phone": "0912345678", "reporter_email": "binh@example.vn",
}
SEND_NOTIFICATION = "civicdesk.notifications.tasks.send_notification"
REFRESH = "civicdesk.dashboard.tasks.refresh_cases"
SEND_ALL = "civicdesk.outbox.tasks.send_all"
FIND_DUPLICATES = "civicdesk.routing.tasks.find_possible_duplicates"
FILL_PUBLIC_TEXT = "civicdesk.petitions.tasks.fill_public_text"


def closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _redis_at_6379() -> bool:
    try:
        return bool(redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=0.5).ping())
    except redis.exceptions.RedisError:
        return False


def _reset_broker_connections() -> None:
    """Forget the connections to the previous broker address (Celery keeps pools per process)."""
    kombu.pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def redis_down(settings, monkeypatch):
    """The cache is Redis at a closed port; every anonymous limit is on. The outage is not retried
    within the test (a loaded machine may take longer than the real 5 s between two requests)."""
    monkeypatch.setattr(failsoft_cache, "RETRY_SECONDS", 300.0)
    settings.CACHES = {"default": {
        "BACKEND": "civicdesk.lib.failsoft_cache.FailSoftRedisCache",
        "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}}
    for scope in ("ANON_CREATE", "TRACKING", "TRACKING_MISS", "ASSISTANT", "OPEN311_READ"):
        setattr(settings, f"RATE_{scope}", "3/min")
    failsoft_cache.reset()
    yield
    failsoft_cache.reset()


def _use_broker(url: str | None, settings) -> None:  # type: ignore[no-untyped-def]
    _reset_broker_connections()
    celery_app.conf.task_always_eager = url is None
    settings.CELERY_TASK_ALWAYS_EAGER = url is None
    if url is not None:
        celery_app.conf.broker_url = url
    enqueue.reset()


@pytest.fixture
def broker_down(settings, monkeypatch):
    monkeypatch.setattr(enqueue, "RETRY_SECONDS", 300.0)
    saved = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    _use_broker(f"redis://127.0.0.1:{closed_port()}/0", settings)
    yield
    _reset_broker_connections()
    celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
    enqueue.reset()


def _warnings(caplog, text: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno == logging.WARNING and text in r.getMessage()]


# --- the cache (Redis) down: the limiter lets requests through and says so ----------------------

def test_creating_a_case_through_the_api_with_redis_down_is_a_201(client, routing_rule, redis_down, caplog):
    with caplog.at_level(logging.WARNING):
        statuses = [client.post(API, BODY, content_type="application/json").status_code for _ in range(5)]
    assert statuses == [201] * 5  # the limit (3/min) cannot be counted: requests go through
    assert Case.objects.count() == 5
    assert len(_warnings(caplog, "cache unreachable")) == 1  # once per outage, not once per request


def test_the_web_form_lookup_and_open311_work_with_redis_down(client, routing_rule, category, redis_down):
    response = client.post(reverse("petitions:submit"), {
        "kind": "report", "title": "Đèn đường hỏng", "content": "Ba cột đèn trước số 12 Lê Lợi tắt cả tuần.",
        "category": str(category.pk), "address_text": "12 Lê Lợi", "reporter_type": "person",
        "reporter_name": "Trần Thị Bình", "reporter_phone": "0912345678", "consent": "on",
        "token": new_form_token()})
    assert response.status_code == 302
    case = Case.objects.get()
    assert client.get(reverse("petitions:track", args=[case.tracking_code])).status_code == 200
    assert client.get(reverse("petitions:track", args=["ABCD-EFGH"])).status_code == 404
    assert client.get("/api/v1/cases/ABCD-EFGH").status_code == 404
    for _ in range(4):
        assert client.get("/open311/v2/services.json").status_code == 200
        assert client.get("/open311/v2/requests.json").status_code == 200


def test_the_dashboard_works_with_redis_down(client, supervisor, redis_down):
    CaseFactory()
    client.force_login(supervisor)
    assert client.get(reverse("dashboard:overview"), {"period": "7d"}).status_code == 200


def test_limits_count_again_once_the_cache_is_back(client, routing_rule, settings):
    settings.RATE_ANON_CREATE = "1/min"
    failsoft_cache.reset()
    assert client.post(API, BODY, content_type="application/json").status_code == 201
    assert client.post(API, BODY, content_type="application/json").status_code == 429


# --- the broker down: the case is saved, 201, the task kept and sent later -----------------------

@pytest.mark.django_db(transaction=True)
def test_a_case_sent_while_the_broker_is_down_is_saved_and_its_receipt_sent_later(
        routing_rule, broker_down, settings, caplog):
    client = Client()
    with caplog.at_level(logging.WARNING):
        responses = [client.post(API, BODY, content_type="application/json", HTTP_X_REQUEST_ID=f"lb-outbox-{n:04d}")
                     for n in range(2)]
    assert [r.status_code for r in responses] == [201, 201]
    # each kept task remembers the request that asked for it, for the worker's log lines
    assert set(PendingTask.objects.values_list("request_id", flat=True)) == {"lb-outbox-0000", "lb-outbox-0001"}
    assert Case.objects.count() == 2  # no retry was needed, so nothing is duplicated
    assert len(_warnings(caplog, "broker unreachable")) == 1
    # one kept message per case: its receipt, the dashboard's refresh, the masking, the duplicate search
    kept = PendingTask.objects.all()
    assert {row.task for row in kept} == {SEND_ALL}
    grouped = [[(name, args) for name, args, _kwargs, _countdown in row.args[0]] for row in kept]
    receipts = Notification.objects.filter(case__in=Case.objects.all())
    assert sorted(args[0] for tasks in grouped for name, args in tasks if name == SEND_NOTIFICATION) == sorted(
        receipts.values_list("pk", flat=True))
    assert sorted(args[0] for tasks in grouped for name, args in tasks if name == FIND_DUPLICATES) == sorted(
        Case.objects.values_list("pk", flat=True))
    assert all(sorted(name for name, _args in tasks) == sorted([REFRESH, FILL_PUBLIC_TEXT, FIND_DUPLICATES,
                                                                    SEND_NOTIFICATION])
               for tasks in grouped)

    # the broker is still down: a drain keeps the rows and backs off
    assert enqueue.drain() == 0
    assert PendingTask.objects.count() == 2 and PendingTask.objects.filter(attempts=1).count() == 1

    # it is back: the worker (here in-process) sends each receipt once, however often drained
    _use_broker(None, settings)
    PendingTask.objects.update(next_attempt_at=PendingTask.objects.order_by("created_at")[0].created_at)
    call_command("drain_outbox")
    call_command("drain_outbox")
    assert PendingTask.objects.count() == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["binh@example.vn", "binh@example.vn"]
    assert set(receipts.values_list("state", flat=True)) == {Notification.State.SENT}


@pytest.mark.django_db(transaction=True)
def test_a_kept_task_claimed_by_another_drain_is_left_to_it(broker_down, settings):
    case = CaseFactory()
    note = Notification.objects.create(case=case, channel="email", recipient="a@example.vn", event="received")
    enqueue.send(send_notification, note.pk)
    row = PendingTask.objects.get()
    _use_broker(None, settings)
    PendingTask.objects.filter(pk=row.pk).update(claimed_until=timezone.now() + enqueue.LEASE)
    assert enqueue.drain() == 0 and PendingTask.objects.count() == 1
    PendingTask.objects.filter(pk=row.pk).update(claimed_until=timezone.now())  # its lease ran out
    assert enqueue.drain() == 1 and len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_kept_tasks_are_published_to_redis_when_it_is_back(routing_rule, broker_down, settings):
    if not _redis_at_6379():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379; the in-process drain test covers the rest")
    response = Client().post(API, BODY, content_type="application/json", HTTP_X_REQUEST_ID="lb-7f3a9c21d4e8")
    assert response.status_code == 201
    note = Notification.objects.get()
    broker = redis.Redis(host="127.0.0.1", port=6379, db=12)
    _use_broker("redis://127.0.0.1:6379/12", settings)
    before = {json.loads(raw)["headers"]["id"] for raw in broker.lrange("celery", 0, -1)}
    sent_ids: set[str] = set()
    try:
        assert enqueue.drain() == 1  # the create's tasks were kept as one message
        messages = [json.loads(raw) for raw in broker.lrange("celery", 0, -1)]
        sent_ids = {m["headers"]["id"] for m in messages} - before
        ours = [m for m in messages if m["headers"]["task"] == SEND_ALL
                and [SEND_NOTIFICATION, [note.pk], {}, None] in json.loads(_body(m))[0][0]]
        assert len(ours) == 1 and PendingTask.objects.count() == 0
        # published later, by a drain outside any request, the task still names the request
        assert ours[0]["headers"]["civicdesk_request_id"] == "lb-7f3a9c21d4e8"
    finally:
        for raw in broker.lrange("celery", 0, -1):
            message = json.loads(raw)
            if message["headers"]["task"] == SEND_ALL and message["headers"]["id"] in sent_ids:
                broker.lrem("celery", 1, raw)


@pytest.mark.django_db(transaction=True)
def test_a_create_publishes_its_tasks_as_one_message(routing_rule, settings):
    """With the broker up: one message per create (`enqueue.grouped`), naming its tasks in the
    worker's log line, that a worker fans out into the tasks themselves."""
    if not _redis_at_6379():
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    broker = redis.Redis(host="127.0.0.1", port=6379, db=12)
    saved = celery_app.conf.broker_url, celery_app.conf.task_always_eager
    _use_broker("redis://127.0.0.1:6379/12", settings)
    before = {json.loads(raw)["headers"]["id"] for raw in broker.lrange("celery", 0, -1)}
    try:
        response = Client().post(API, BODY, content_type="application/json")
        assert response.status_code == 201
        new = [m for m in map(json.loads, broker.lrange("celery", 0, -1)) if m["headers"]["id"] not in before]
        assert [m["headers"]["task"] for m in new] == [SEND_ALL]
        [tasks] = json.loads(_body(new[0]))[0]
        case = Case.objects.get()
        assert sorted(name for name, *_rest in tasks) == sorted([SEND_NOTIFICATION, REFRESH, FILL_PUBLIC_TEXT,
                                                                 FIND_DUPLICATES])
        assert [FIND_DUPLICATES, [case.pk], {}, None] in tasks
        assert FIND_DUPLICATES in new[0]["headers"]["argsrepr"]
    finally:
        for raw in broker.lrange("celery", 0, -1):
            if json.loads(raw)["headers"]["id"] not in before:
                broker.lrem("celery", 1, raw)
        _reset_broker_connections()
        celery_app.conf.broker_url, celery_app.conf.task_always_eager = saved
        settings.CELERY_TASK_ALWAYS_EAGER = saved[1]
        enqueue.reset()


def _body(message: dict) -> str:  # type: ignore[type-arg]
    import base64

    return base64.b64decode(message["body"]).decode()


def test_beat_drains_the_outbox_every_minute():
    entry = celery_app.conf.beat_schedule["outbox-drain"]
    assert entry["task"] == "civicdesk.outbox.tasks.drain" and entry["schedule"] == 60.0
    celery_app.loader.import_default_modules()
    assert entry["task"] in celery_app.tasks
