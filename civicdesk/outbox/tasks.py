"""Sending the tasks the broker could not take: every minute from beat, and once by each worker
when it starts (a worker that starts has just reached the broker)."""

from typing import Any

from celery import shared_task
from celery.signals import worker_ready


@shared_task(acks_late=True)
def drain() -> int:
    from civicdesk.outbox import enqueue

    return enqueue.drain()


@worker_ready.connect
def _drain_when_a_worker_starts(sender: Any = None, **_kwargs: Any) -> None:
    drain.delay()
