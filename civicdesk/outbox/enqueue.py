"""Handing tasks to Celery without letting a broker outage fail the request.

`send()` is what every after-commit hook calls instead of `task.delay()`: it publishes to the
broker, and when the broker cannot be reached it stores the task in the outbox (`PendingTask`)
and returns — the case is saved, the citizen gets their receipt page or 201. `drain()` sends the
stored tasks once the broker is back; Celery beat runs it every minute (`outbox.tasks.drain`)
and each worker once when it starts, `civicdesk drain-outbox` by hand.

After a failed publish the broker is not tried again for RETRY_SECONDS: requests in that window
go straight to the outbox instead of each waiting for a refused (or timed-out) connection.

`grouped()` batches: the tasks sent within it (typically by the after-commit hooks of the
transaction it wraps) go to the broker as one message, `tasks.send_all`, which a worker fans out —
one broker round trip in the request instead of one per task (intake: the dashboard refresh, the
duplicate search and the receipt)."""

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from civicdesk.lib import request_context
from civicdesk.lib.outage import Outage
from civicdesk.outbox.models import PendingTask

log = logging.getLogger(__name__)

RETRY_SECONDS = 10.0
# A drain that died holding rows gives them up after this long.
LEASE = timedelta(minutes=5)
BATCH = 500

_broker = Outage(RETRY_SECONDS)
_group = threading.local()


def after_commit(task: Any, *args: Any, countdown: float | None = None, **kwargs: Any) -> None:
    """Send `task(*args, **kwargs)` once the current transaction commits (at once without one)."""
    transaction.on_commit(partial(send, task, *args, countdown=countdown, **kwargs))


def send(task: Any, *args: Any, countdown: float | None = None, **kwargs: Any) -> None:
    """Publish now, or keep it in the outbox if the broker is unreachable. Without a broker
    (task_always_eager) the task runs here, as Celery does."""
    if task.app.conf.task_always_eager:
        task.apply_async(args, kwargs, countdown=countdown)
        return
    pending = getattr(_group, "tasks", None)
    if pending is not None:
        pending.append([task.name, list(args), kwargs, countdown])
        return
    _publish_or_keep(task, args, kwargs, countdown)


@contextmanager
def grouped() -> Iterator[None]:
    """Publish the tasks sent within the block as one message at its end (see the module's doc).
    Nested blocks join the outermost one. Eager tasks still run at once."""
    if getattr(_group, "tasks", None) is not None:
        yield
        return
    _group.tasks = []
    try:
        yield
    finally:
        pending, _group.tasks = _group.tasks, None
        if len(pending) == 1:
            name, args, kwargs, countdown = pending[0]
            from celery import current_app

            _publish_or_keep(current_app.tasks[name], tuple(args), kwargs, countdown)
        elif pending:
            from civicdesk.outbox.tasks import send_all

            # The worker's log line names the tasks: given here, as Celery's own rendering of the
            # arguments (saferepr) costs a quarter of a publish.
            argsrepr = repr([(name, args) for name, args, _kwargs, _countdown in pending])[:1024]
            _publish_or_keep(send_all, (pending,), {}, None, argsrepr=argsrepr, kwargsrepr="{}")


def _publish_or_keep(task: Any, args: tuple, kwargs: dict, countdown: float | None,  # type: ignore[type-arg]
                     **options: Any) -> None:
    if not _broker.active():
        try:
            task.apply_async(args, kwargs, countdown=countdown, **options)
            return
        except Exception as exc:  # publishing is all apply_async does here: any failure is the broker's
            _mark_broker_down(exc)
    _keep(task.name, args, kwargs, countdown, error="broker unreachable")


def _keep(name: str, args: tuple, kwargs: dict, countdown: float | None, error: str) -> None:  # type: ignore[type-arg]
    now = timezone.now()
    PendingTask.objects.create(task=name, args=list(args), kwargs=kwargs, created_at=now, last_error=error,
                               next_attempt_at=now + timedelta(seconds=countdown or 0),
                               request_id=request_context.current()[:64])


def _mark_broker_down(exc: BaseException) -> None:
    if _broker.begin():
        log.warning("broker unreachable (%s: %s): tasks are kept in the outbox and sent when it is back",
                    type(exc).__name__, exc)


def reset() -> None:
    """Try the broker at the next send (tests; after a drain that reached it)."""
    _broker.end()


# --- sending what was kept ---------------------------------------------------------------------

def drain(limit: int = BATCH) -> int:
    """Send the due tasks of the outbox, oldest first; stop at the first failure (the broker is
    still down). Returns how many were sent. Safe to run twice at once: each row is claimed."""
    sent = 0
    now = timezone.now()
    free = Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    due = PendingTask.objects.filter(free, next_attempt_at__lte=now).order_by("next_attempt_at", "pk")
    for pk in list(due.values_list("pk", flat=True)[:limit]):
        if PendingTask.objects.filter(free, pk=pk).update(claimed_until=now + LEASE,
                                                          attempts=F("attempts") + 1) != 1:
            continue  # another drain has it
        row = PendingTask.objects.get(pk=pk)
        try:
            _publish(row)
        except Exception as exc:  # back off and keep the row
            delay = timedelta(seconds=min(3600, 30 * 2 ** min(row.attempts, 7)))
            PendingTask.objects.filter(pk=pk).update(claimed_until=None, next_attempt_at=timezone.now() + delay,
                                                     last_error=f"{type(exc).__name__}: {exc}"[:1000])
            if _runs_here():  # the task itself failed (no broker): the others may still run
                log.exception("outbox: %s failed; tried again in %s", row.task, delay)
                continue
            _mark_broker_down(exc)  # the broker is still down: the rest waits too
            log.warning("outbox: %s not sent yet (%s); %d left", row.task, exc, due.count())
            break
        PendingTask.objects.filter(pk=pk).delete()
        sent += 1
    if sent:
        reset()
        log.info("outbox: %d task(s) sent", sent)
    return sent


def _runs_here() -> bool:
    from celery import current_app

    return bool(current_app.conf.task_always_eager)


def _publish(row: PendingTask) -> None:
    from celery import current_app

    # Sent as part of the request that asked for it: the worker's log lines carry its id.
    with request_context.acting_for(row.request_id):
        if _runs_here():  # no broker: run it here, as Celery would
            current_app.loader.import_default_modules()
            current_app.tasks[row.task].apply_async(tuple(row.args), row.kwargs)
        else:  # by name: a web process or `drain-outbox` need not have imported the task's module
            current_app.send_task(row.task, args=tuple(row.args), kwargs=row.kwargs)
