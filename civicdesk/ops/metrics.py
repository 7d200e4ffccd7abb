"""Prometheus metrics: what each view served and how fast (counted in the web processes), and the
state of the city's work read from the database and the broker when Prometheus scrapes.

Under gunicorn every worker process counts its own requests; `ops.gunicorn_conf` gives them a
shared PROMETHEUS_MULTIPROC_DIR so one scrape sees the sum (prometheus_client's multiprocess mode)."""

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from urllib.parse import urlparse

from django.conf import settings
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from civicdesk.api.models import WebhookDelivery
from civicdesk.notifications.models import Notification
from civicdesk.outbox.models import PendingTask
from civicdesk.petitions.models import OPEN_STATUSES, Case, Status

access_log = logging.getLogger("civicdesk.request")

REQUESTS = CollectorRegistry(auto_describe=True)
REQUEST_COUNT = Counter(
    "civicdesk_http_requests", "Requests served, by view, method and status code.",
    ["view", "method", "status"], registry=REQUESTS,
)
REQUEST_LATENCY = Histogram(
    "civicdesk_http_request_duration_seconds", "Time to answer a request, by view.", ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0), registry=REQUESTS,
)


def view_label(request: HttpRequest) -> str:
    # The URL pattern's name, never the path: paths carry tracking codes and would make a series each.
    probe = getattr(request, "metrics_view", None)  # /healthz and /metrics answer before URL resolution
    if probe:
        return str(probe)
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<unresolved>"
    return match.view_name or match._func_path


class MetricsMiddleware:
    """Counts and times every request by view, and writes one access-log line for it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = time.perf_counter() - started
        view = view_label(request)
        REQUEST_COUNT.labels(view, request.method or "", str(response.status_code)).inc()
        REQUEST_LATENCY.labels(view).observe(elapsed)
        access_log.info("%s %s %s %.1fms", request.method, request.path, response.status_code, elapsed * 1000,
                        extra={"method": request.method, "path": request.path, "status": response.status_code,
                               "duration_ms": round(elapsed * 1000, 1), "view": view})
        return response


class WorkCollector(Collector):
    """Cases by state, overdue cases by agency, deliveries failed, tasks waiting in the broker.
    Read at most every METRICS_CACHE_SECONDS per process, so a busy Prometheus costs a few queries
    a minute however many replicas scrape."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cached: tuple[float, list[Metric]] | None = None

    def collect(self) -> Iterator[Metric]:
        with self._lock:
            now = time.monotonic()
            if self._cached is None or now - self._cached[0] >= settings.METRICS_CACHE_SECONDS:
                self._cached = (now, list(self._read()))
            yield from self._cached[1]

    def _read(self) -> Iterator[Metric]:
        by_state = GaugeMetricFamily("civicdesk_cases", "Cases in each state.", labels=["state"])
        counts = dict(Case.objects.order_by().values_list("status").annotate(n=Count("id")))
        for state in Status.values:
            by_state.add_metric([state], counts.get(state, 0))
        yield by_state

        overdue = GaugeMetricFamily("civicdesk_cases_overdue", "Open cases past their deadline, by agency "
                                    "(code; empty: not yet assigned).", labels=["agency"])
        rows = (Case.objects.filter(status__in=OPEN_STATUSES, due_at__lt=timezone.now()).order_by()
                .values_list("agency__code").annotate(n=Count("id")))
        for agency, n in rows:
            overdue.add_metric([agency or ""], n)
        yield overdue

        failed = GaugeMetricFamily("civicdesk_deliveries_failed", "Messages and webhook calls whose last "
                                   "attempt failed (retried with backoff).", labels=["kind", "channel"])
        for channel, n in (Notification.objects.filter(state=Notification.State.FAILED).order_by()
                           .values_list("channel").annotate(n=Count("id"))):
            failed.add_metric(["notification", channel], n)
        failed.add_metric(["webhook", ""], WebhookDelivery.objects.filter(state=WebhookDelivery.State.FAILED).count())
        yield failed

        pending = GaugeMetricFamily("civicdesk_notifications_pending", "Messages stored but not yet sent.")
        pending.add_metric([], Notification.objects.filter(
            state__in=[Notification.State.PENDING, Notification.State.SENDING]).count())
        yield pending

        outbox = GaugeMetricFamily("civicdesk_outbox_pending", "Tasks kept in the outbox because the broker "
                                   "could not be reached, waiting to be sent.")
        outbox.add_metric([], PendingTask.objects.count())
        yield outbox

        length = queue_length()
        if length is not None:
            queue = GaugeMetricFamily("civicdesk_queue_length", "Tasks waiting in the broker.", labels=["queue"])
            queue.add_metric([settings.CELERY_TASK_DEFAULT_QUEUE], length)
            yield queue


def queue_length() -> int | None:
    """Tasks waiting in the default queue (a Redis list under the queue's name); None without Redis."""
    url = settings.CELERY_BROKER_URL
    if not url or urlparse(url).scheme not in ("redis", "rediss"):
        return None
    import redis

    client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    try:
        return int(client.llen(settings.CELERY_TASK_DEFAULT_QUEUE))
    except redis.RedisError:
        return None
    finally:
        client.close()


_work = WorkCollector()


def exposition() -> bytes:
    """The text Prometheus reads: request metrics of every process of this node, then the work."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        requests = CollectorRegistry()
        MultiProcessCollector(requests)
    else:
        requests = REQUESTS
    work = CollectorRegistry()
    work.register(_work)
    return generate_latest(requests) + generate_latest(work)
