"""Sending the tasks the broker could not take: every minute from beat, and once by each worker
when it starts (a worker that starts has just reached the broker)."""

from typing import Any

from celery import shared_task
from celery.signals import worker_ready


@shared_task(acks_late=True)
def drain() -> int:
    from civicdesk.outbox import enqueue

    return enqueue.drain()


@shared_task(acks_late=True)
def send_all(tasks: list[list[Any]]) -> int:
    """The tasks of one `enqueue.grouped()` block, each [name, args, kwargs, countdown]: published
    one by one from here, so each keeps its own retries; kept in the outbox if the broker is down."""
    from celery import current_app

    from civicdesk.outbox import enqueue

    for name, args, kwargs, countdown in tasks:
        enqueue.send(current_app.tasks[name], *args, countdown=countdown, **kwargs)
    return len(tasks)


@worker_ready.connect
def _drain_when_a_worker_starts(sender: Any = None, **_kwargs: Any) -> None:
    drain.delay()
