"""/metrics: Prometheus text behind CIVICDESK_METRICS_TOKEN — requests and latency by view, cases by
state, overdue cases by agency, failed deliveries, the broker's queue."""

from datetime import timedelta

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from civicdesk.notifications.models import Notification
from civicdesk.petitions.models import Status
from tests.factories import AgencyFactory, CaseFactory
from tests.notifications.smtp import free_port

TOKEN = "metrics-secret-for-tests-0123456789"


@pytest.fixture
def scrape(client, settings):
    settings.METRICS_TOKEN = TOKEN

    def read() -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
        response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        samples = {}
        for family in text_string_to_metric_families(response.content.decode()):
            for sample in family.samples:
                samples[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
        return samples

    return read


def test_metrics_are_off_without_a_token(client, db, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404


@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}x", TOKEN + "x"])
def test_metrics_refuse_a_missing_or_wrong_token(client, db, settings, header):
    settings.METRICS_TOKEN = TOKEN
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get("/metrics", **extra)
    assert response.status_code == 401
    assert b"civicdesk_cases" not in response.content


def test_metrics_count_requests_and_latency_by_view(client, db, scrape):
    before = scrape()
    for _ in range(3):
        assert client.get("/healthz").status_code == 200
    client.get("/khong-co-trang-nay/")  # a 404 is counted under one label, not under its path
    after = scrape()
    key = ("civicdesk_http_requests_total", (("method", "GET"), ("status", "200"), ("view", "ops:healthz")))
    assert after[key] - before.get(key, 0) == 3
    latency = ("civicdesk_http_request_duration_seconds_count", (("view", "ops:healthz"),))
    assert after[latency] - before.get(latency, 0) == 3
    assert not any("khong-co-trang-nay" in str(labels) for _name, labels in after)


def test_metrics_show_cases_by_state_and_overdue_by_agency(db, scrape):
    water, roads = AgencyFactory(code="cap-nuoc"), AgencyFactory(code="giao-thong")
    past, future = timezone.now() - timedelta(days=2), timezone.now() + timedelta(days=2)
    CaseFactory.create_batch(2, agency=water, status=Status.IN_PROGRESS, due_at=past)
    CaseFactory(agency=water, status=Status.ASSIGNED, due_at=future)
    CaseFactory(agency=roads, status=Status.ASSIGNED, due_at=past)
    CaseFactory(agency=roads, status=Status.CLOSED, due_at=past)  # closed: not overdue any more
    samples = scrape()
    assert samples[("civicdesk_cases", (("state", "in_progress"),))] == 2
    assert samples[("civicdesk_cases", (("state", "assigned"),))] == 2
    assert samples[("civicdesk_cases", (("state", "closed"),))] == 1
    assert samples[("civicdesk_cases", (("state", "triage"),))] == 0
    assert samples[("civicdesk_cases_overdue", (("agency", "cap-nuoc"),))] == 2
    assert samples[("civicdesk_cases_overdue", (("agency", "giao-thong"),))] == 1


def test_metrics_count_deliveries_that_failed(client, db, settings, scrape, routing_rule,
                                              django_capture_on_commit_callbacks):
    # The receipt goes to an SMTP port where nobody listens: the delivery fails and is counted.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/cases", {
            "content": "Cống thoát nước trước nhà số 5 bị tắc, nước tràn lên vỉa hè mấy ngày nay.",
            "reporter_name": "Lê Văn Cường", "reporter_email": "cuong@example.vn",
        }, content_type="application/json")
    assert response.status_code == 201
    assert Notification.objects.get().state == Notification.State.FAILED
    samples = scrape()
    assert samples[("civicdesk_deliveries_failed", (("channel", "email"), ("kind", "notification")))] == 1
    assert samples[("civicdesk_deliveries_failed", (("channel", ""), ("kind", "webhook")))] == 0


def test_metrics_read_the_queue_length_from_a_redis_broker(db, settings, scrape):
    import redis

    client = redis.Redis(host="127.0.0.1", port=6379, db=14, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    queue = f"metrics-test-{free_port()}"
    settings.CELERY_BROKER_URL, settings.CELERY_TASK_DEFAULT_QUEUE = "redis://127.0.0.1:6379/14", queue
    client.rpush(queue, "a", "b", "c")
    try:
        assert scrape()[("civicdesk_queue_length", (("queue", queue),))] == 3
    finally:
        client.delete(queue)


def test_metrics_count_tasks_waiting_in_the_outbox(db, scrape):
    from civicdesk.outbox.models import PendingTask

    assert scrape()[("civicdesk_outbox_pending", ())] == 0
    PendingTask.objects.create(task="civicdesk.notifications.tasks.send_notification", args=[1])
    assert scrape()[("civicdesk_outbox_pending", ())] == 1
