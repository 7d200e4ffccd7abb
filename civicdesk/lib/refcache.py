"""Per-process copies of the small reference tables that intake reads on every new case:
categories, wards, the routing table, the working calendar, the workflow settings.

A copy is built on first use and dropped when a model it depends on is saved or deleted in this
process (admin, commands, tests); other processes (each gunicorn or celery worker) rebuild theirs
at most `ttl` seconds later, so an administrator's change reaches every worker within a minute
without one query per request. Changes made with `QuerySet.update()` send no signal: they take
effect after the ttl, or at once after `clear_all()`.

    routing_rules = RefCache("routing rules", load_rules, depends_on=["organisation.RoutingRule"])
    routing_rules.get()
"""

import time
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from django.db import transaction
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")
DEFAULT_TTL_SECONDS = 60.0

_all: list["RefCache"] = []


class RefCache(Generic[T]):
    def __init__(self, name: str, loader: Callable[[], T], depends_on: Iterable[str],
                 ttl: float = DEFAULT_TTL_SECONDS) -> None:
        self.name = name
        self.loader = loader
        self.ttl = ttl
        self._value: T | None = None
        self._built_at = 0.0
        self._generation = 0
        for label in depends_on:  # "app_label.Model": connected lazily, before or after the app loads
            post_save.connect(self._on_change, sender=label, weak=False, dispatch_uid=f"refcache:{name}:{label}:save")
            post_delete.connect(self._on_change, sender=label, weak=False,
                                dispatch_uid=f"refcache:{name}:{label}:delete")
        _all.append(self)

    def get(self) -> T:
        value, built_at = self._value, self._built_at
        if value is not None and time.monotonic() - built_at < self.ttl:
            return value
        # No lock: two threads may both load (harmless), and a loader may itself save a model this
        # copy depends on (a settings singleton created on first use).
        generation = self._generation
        value = self.loader()
        # A change signalled while loading leaves the copy stale: keep it for this call only.
        if generation == self._generation:
            self._value, self._built_at = value, time.monotonic()
        return value

    def clear(self) -> None:
        self._generation += 1
        self._value, self._built_at = None, 0.0

    def _on_change(self, **_kwargs: object) -> None:
        # Now, and again once the change commits (a copy rebuilt in between would miss it).
        self.clear()
        transaction.on_commit(self.clear)


def clear_all() -> None:
    """Forget every copy (tests, after bulk changes with `update()`)."""
    for cache in _all:
        cache.clear()
