"""/healthz: what a load balancer asks; 200 when the node can serve, 503 with the failing part."""

import socket

import pytest

from tests.notifications.smtp import free_port


def _closed_port() -> int:
    port = free_port()  # nobody listens there once the probe socket is closed
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        pass
    return port


def test_healthz_is_200_with_every_check_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "disk"}
    assert all(check["ok"] for check in body["checks"].values())
    assert body["checks"]["disk"]["free_mb"] > 0


def test_healthz_is_503_when_the_broker_is_down(client, db, settings):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "fail"
    assert body["checks"]["broker"]["ok"] is False and body["checks"]["broker"]["error"] == "ConnectionError"
    assert body["checks"]["database"]["ok"] is True


def test_healthz_is_503_when_the_cache_is_down(client, db, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0"}}
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False


def test_healthz_is_503_when_the_disk_is_nearly_full(client, db, settings):
    settings.HEALTH_MIN_FREE_MB = 10**12  # more than any disk here has
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["disk"] == {"ok": False, "ms": response.json()["checks"]["disk"]["ms"],
                                                 "error": "RuntimeError"}


def test_healthz_reaches_a_real_redis_broker_when_one_runs(client, db, settings):
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/0"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"]["broker"]["ok"] is True


def test_healthz_reports_an_in_process_queue_without_a_broker(client, db, settings):
    settings.CELERY_BROKER_URL = ""
    assert client.get("/healthz").json()["checks"]["broker"] == {
        "ok": True, "ms": pytest.approx(0, abs=50), "mode": "in-process"}


def test_healthz_answers_only_get(client, db):
    assert client.post("/healthz").status_code == 405


def test_healthz_answers_a_load_balancer_asking_by_address_over_http(client, db, settings):
    # Production: only the public name is allowed, and plain HTTP is redirected to HTTPS.
    settings.ALLOWED_HOSTS = ["civicdesk.example.vn"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", HTTP_HOST="10.0.0.12:8000").status_code == 200
    assert client.get("/tra-cuu/", HTTP_HOST="10.0.0.12:8000").status_code == 400  # the rest is checked
    assert client.get("/tra-cuu/", HTTP_HOST="civicdesk.example.vn").status_code == 301
