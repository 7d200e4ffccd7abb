"""One id per request, in every log line the request causes — in the web process and in the Celery
worker that later runs the tasks it enqueued (the id travels in the task's headers).

A request may bring its own id (X-Request-ID from the reverse proxy or the load balancer); it is
kept when it looks like an id, so one id follows the request through proxy, web and worker logs."""

import logging
import re
import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from civicdesk.lib import request_context

HEADER = "X-Request-ID"
TASK_HEADER = "civicdesk_request_id"
_ACCEPTED = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")

current = request_context.current


def new_id() -> str:
    return uuid.uuid4().hex


def accepted(value: str | None) -> str | None:
    return value if value and _ACCEPTED.match(value) else None


class RequestIdMiddleware:
    """First in the chain, so every later middleware's log lines carry the id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = accepted(request.headers.get(HEADER)) or new_id()
        request.request_id = request_id  # type: ignore[attr-defined]
        token = request_context.begin(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_context.end(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Puts `request_id` on every record (empty outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", ""):
            record.request_id = request_context.current()
        return True


# --- Celery: the id goes with the task and is set again while the worker runs it ---------------

def _add_to_headers(headers: dict[str, Any] | None = None, **_: Any) -> None:
    request_id = request_context.current()
    if headers is not None and request_id and TASK_HEADER not in headers:
        headers[TASK_HEADER] = request_id


_task_tokens: dict[str, Any] = {}


def _task_started(task_id: str = "", task: Any = None, **_: Any) -> None:
    carried = accepted(getattr(task.request, TASK_HEADER, None)) if task is not None else None
    # A task run in the request's own process (no broker) keeps the request's id; one nobody asked
    # for in a request (beat, retries of old messages) is known by its own id.
    _task_tokens[task_id] = request_context.begin(carried or request_context.current() or f"task-{task_id}")


def _task_finished(task_id: str = "", **_: Any) -> None:
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        request_context.end(token)


def connect_celery_signals() -> None:
    from celery.signals import before_task_publish, task_postrun, task_prerun

    before_task_publish.connect(_add_to_headers, weak=False, dispatch_uid="civicdesk-request-id-publish")
    task_prerun.connect(_task_started, weak=False, dispatch_uid="civicdesk-request-id-prerun")
    task_postrun.connect(_task_finished, weak=False, dispatch_uid="civicdesk-request-id-postrun")
