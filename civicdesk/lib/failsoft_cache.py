"""The shared cache (Redis) speeds things up and counts rate limits; it is never a reason to fail a
request. When it cannot be reached, reads miss, writes are dropped and the rate limiter lets the
request through (`lib/ratelimit.py`) — logged as a warning once per outage, not once per call.

After a failure the cache is not asked again for RETRY_SECONDS: a Redis that is down costs one
refused connection (or, if its address swallows packets, one connect timeout) per interval, not
one per request. Connect and read timeouts are set in settings.CACHES (`OPTIONS`)."""

import logging
from functools import cache
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

from civicdesk.lib.outage import Outage

log = logging.getLogger(__name__)

RETRY_SECONDS = 5.0

_outage = Outage(RETRY_SECONDS)


@cache
def errors() -> tuple[type[BaseException], ...]:
    """What "the cache cannot be reached" looks like: redis-py's errors (refused, timeout, reset...)
    and the operating system's. redis is imported here, not at start-up (settings import the limiter)."""
    from redis.exceptions import RedisError

    return (RedisError, OSError)


def is_down() -> bool:
    return _outage.active()


def mark_down(what: str, exc: BaseException) -> None:
    """Note a failure; the first one of an outage is logged."""
    if _outage.begin():
        log.warning("cache unreachable (%s: %s): %s; carrying on without it for %.0f s",
                    what, type(exc).__name__, exc, RETRY_SECONDS)


def reset() -> None:
    """Ask the cache again at the next call (tests; a health check that found it back)."""
    _outage.end()


class FailSoftRedisCache(RedisCache):
    """Django's Redis cache whose calls answer "nothing there" instead of raising when Redis is
    down. `incr`/`decr` still raise (a counter has no safe default); the limiter handles them."""

    def _soft(self, what: str, default: Any, call: Any, *args: Any, **kwargs: Any) -> Any:
        if is_down():
            return default
        try:
            return call(*args, **kwargs)
        except errors() as exc:
            mark_down(f"cache.{what}", exc)
            return default

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._soft("get", default, super().get, key, default, version)

    def get_many(self, keys: Any, version: int | None = None) -> dict[str, Any]:
        return self._soft("get_many", {}, super().get_many, keys, version)  # type: ignore[no-any-return]

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._soft("has_key", False, super().has_key, key, version)  # type: ignore[no-any-return]

    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._soft("add", False, super().add, key, value, timeout, version)  # type: ignore[no-any-return]

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        self._soft("set", None, super().set, key, value, timeout, version)

    def set_many(self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> list[Any]:
        return self._soft("set_many", list(data), super().set_many, data, timeout,  # type: ignore[no-any-return]
                          version)

    def touch(self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._soft("touch", False, super().touch, key, timeout, version)  # type: ignore[no-any-return]

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._soft("delete", False, super().delete, key, version)  # type: ignore[no-any-return]

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._soft("delete_many", None, super().delete_many, keys, version)

    def clear(self) -> None:
        self._soft("clear", None, super().clear)
