"""What a load balancer asks every few seconds: can this node serve? Each check is one cheap
round trip (SELECT 1, a cache set/get, a broker PING, statvfs) with a short timeout, so a probe
costs about a millisecond and a dead dependency answers within ~2 s, not a hung worker."""

import logging
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.core.cache import cache
from django.db import connections

from civicdesk.celery_app import app

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 2.0


@dataclass
class Check:
    ok: bool
    ms: float = 0.0
    detail: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "ms": round(self.ms, 1), **self.detail}


def database() -> dict[str, Any]:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def cache_roundtrip() -> dict[str, Any]:
    key, value = "civicdesk:healthz", uuid.uuid4().hex
    cache.set(key, value, 10)
    if cache.get(key) != value:
        raise RuntimeError("the cache did not return what was stored")
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def broker() -> dict[str, Any]:
    url = settings.CELERY_BROKER_URL
    if not url:
        return {"mode": "in-process"}  # tasks run inside the web process: nothing to reach
    if urlparse(url).scheme in ("redis", "rediss"):
        import redis

        client = redis.Redis.from_url(url, socket_timeout=TIMEOUT_SECONDS, socket_connect_timeout=TIMEOUT_SECONDS)
        try:
            client.ping()
        finally:
            client.close()
        return {}
    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=TIMEOUT_SECONDS)
    return {}


def disk() -> dict[str, Any]:
    """Free space where uploads and the database live (the data directory)."""
    free_mb = shutil.disk_usage(settings.DATA_DIR).free // (1024 * 1024)
    if free_mb < settings.HEALTH_MIN_FREE_MB:
        raise RuntimeError(f"only {free_mb} MB free (at least {settings.HEALTH_MIN_FREE_MB} MB wanted)")
    return {"free_mb": free_mb}


CHECKS: dict[str, Callable[[], dict[str, Any]]] = {
    "database": database, "cache": cache_roundtrip, "broker": broker, "disk": disk,
}


def _run(name: str, check: Callable[[], dict[str, Any]]) -> Check:
    started = time.perf_counter()
    try:
        detail = check()
    except Exception as exc:  # any failure means "not healthy"; the reason goes to the log, not the public
        log.warning("health check %s failed: %s: %s", name, type(exc).__name__, exc)
        return Check(False, (time.perf_counter() - started) * 1000, {"error": type(exc).__name__})
    return Check(True, (time.perf_counter() - started) * 1000, detail)


def report() -> tuple[bool, dict[str, Any]]:
    results = {name: _run(name, check) for name, check in CHECKS.items()}
    healthy = all(result.ok for result in results.values())
    return healthy, {"status": "ok" if healthy else "fail",
                     "checks": {name: result.as_json() for name, result in results.items()}}
