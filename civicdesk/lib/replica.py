"""Reads that may come from a reporting replica (`CIVICDESK_DATABASE_REPLICA_URL`).

Only code that asks for it reads from the replica: the leaders' dashboard, its exports and open data,
which tolerate figures a few seconds old. Everything else — and every write — uses the primary. Without
a replica configured, `reading_replica()` changes nothing.

    with reading_replica():
        rows = list(Case.objects.filter(...))   # SELECT on the replica

A streamed response keeps reading from the replica while it is sent (`replica_view`)."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any

from django.conf import settings

REPLICA = "replica"
_wanted: ContextVar[bool] = ContextVar("civicdesk_reading_replica", default=False)


def configured() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def reading_replica() -> Iterator[None]:
    token = _wanted.set(True)
    try:
        yield
    finally:
        _wanted.reset(token)


def _streamed_from_replica(chunks: Any) -> Iterator[Any]:
    with reading_replica():
        yield from chunks


def replica_view(view: Callable[..., Any]) -> Callable[..., Any]:
    """A view whose queries (and, for a streamed response, the queries made while it streams) read
    from the replica."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with reading_replica():
            response = view(*args, **kwargs)
        if getattr(response, "streaming", False):
            response.streaming_content = _streamed_from_replica(response.streaming_content)
        return response

    return wrapper


class ReplicaRouter:
    """Django database router: reads inside `reading_replica()` go to the replica when one is
    configured; writes, migrations and all other reads go to the primary."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        return REPLICA if _wanted.get() and configured() else None

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica is a copy of the primary: the same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"
