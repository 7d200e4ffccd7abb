"""A real Celery worker on the real Redis is killed (-9) in the middle of sending an e-mail; the
next worker sends it, and the citizen receives it exactly once (acks_late + the claim's lease).

The worker and this test share a SQLite database of their own (a fresh data directory), so the
test does not depend on which database the rest of the suite uses. Skipped when Redis is not
reachable on 127.0.0.1:6379, except in CI (CIVICDESK_REQUIRE_BROWSER=1) where it must run."""

import asyncio
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.notifications.smtp import free_port

REDIS = ("127.0.0.1", 6379)
REDIS_DB = 13  # kept apart from the cache and anything else on the server
ROOT = Path(__file__).resolve().parents[2]


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def redis_required():
    if not _redis_reachable():
        if os.environ.get("CIVICDESK_REQUIRE_BROWSER") == "1":
            pytest.fail("Redis must be running on 127.0.0.1:6379 here (CI)")
        pytest.skip("Redis is not reachable on 127.0.0.1:6379 (redis-server --port 6379); worker-killed test skipped")


class StallingFirstDelivery:
    """Accepts every message except the first, which it holds until the test has killed its sender."""

    def __init__(self):
        self.accepted = []
        self.first_started = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        if not self.first_started.is_set():
            self.first_started.set()
            await asyncio.sleep(60)
            return "451 sender went away"
        self.accepted.append(envelope.content)
        return "250 accepted"


def _run(env, *args, **kwargs):
    return subprocess.run([sys.executable, "-m", *args], env=env, cwd=ROOT, check=True, capture_output=True,
                          text=True, timeout=180, **kwargs)


def _worker(env, queue, log):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "civicdesk.celery_app", "worker", "-P", "solo", "-Q", queue,
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-l", "info", "-n", f"{uuid.uuid4().hex}@h"],
        env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )


def _notification(db_path, notification_id):
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT state, attempts FROM notifications_notification WHERE id = ?",
                            (notification_id,)).fetchone()


def test_a_killed_worker_leaves_the_email_to_the_next_one_sent_once(redis_required, tmp_path):
    handler = StallingFirstDelivery()
    smtp = Controller(handler, hostname="127.0.0.1", port=free_port(), server_hostname="localhost")
    smtp.start()
    broker = f"redis://{REDIS[0]}:{REDIS[1]}/{REDIS_DB}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CIVICDESK_")}
    env.update({
        "CIVICDESK_DATA_DIR": str(tmp_path), "CIVICDESK_TESTING": "1", "CIVICDESK_BROKER_URL": broker,
        "CIVICDESK_EMAIL_HOST": "127.0.0.1", "CIVICDESK_EMAIL_PORT": str(smtp.port),
        "CIVICDESK_NOTIFICATION_LEASE_SECONDS": "1", "CIVICDESK_CELERY_VISIBILITY_TIMEOUT": "2",
        "DJANGO_SETTINGS_MODULE": "civicdesk.settings",
    })
    queue = f"worker-killed-{uuid.uuid4().hex[:8]}"
    workers = []
    try:
        _run(env, "civicdesk.cli", "migrate", "-v0")
        created = _run(env, "civicdesk.cli", "shell", "-c", (
            "from django.utils import timezone\n"
            "from civicdesk.petitions.models import Case\n"
            "from civicdesk.notifications.models import Notification\n"
            "case = Case.objects.create(tracking_code='K7QD-M3XA', title='Ngập', content='Ngập sâu',"
            " reporter_email='an@example.vn', created_at=timezone.now())\n"
            "print(Notification.objects.create(case=case, event='received', recipient='an@example.vn').pk)\n"))
        notification_id = int(created.stdout.strip().splitlines()[-1])
        db_path = tmp_path / "civicdesk.sqlite3"

        # Enqueue exactly as the web process does with a broker configured.
        _run(env, "civicdesk.cli", "shell", "-c", (
            "from civicdesk.notifications.tasks import send_notification\n"
            f"send_notification.apply_async(args=[{notification_id}], queue='{queue}')\n"))

        with open(tmp_path / "worker1.log", "w") as log1:
            first = _worker(env, queue, log1)
            workers.append(first)
            assert handler.first_started.wait(90), (tmp_path / "worker1.log").read_text()
            first.send_signal(signal.SIGKILL)
            first.wait(10)
        assert _notification(db_path, notification_id) == ("sending", 1)
        assert handler.accepted == []

        time.sleep(3)  # past the visibility timeout (2 s) and the claim's lease (1 s)
        with open(tmp_path / "worker2.log", "w") as log2:
            second = _worker(env, queue, log2)
            workers.append(second)
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline and _notification(db_path, notification_id)[0] != "sent":
                time.sleep(0.3)
        assert _notification(db_path, notification_id) == ("sent", 2), (tmp_path / "worker2.log").read_text()
        time.sleep(1)  # a duplicate delivery, if any, would arrive now
        assert len(handler.accepted) == 1
        with sqlite3.connect(db_path) as conn:
            notified = conn.execute("SELECT COUNT(*) FROM petitions_caseevent WHERE action = 'notified'").fetchone()
        assert notified == (1,)
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signal.SIGKILL)
                worker.wait(10)
        smtp.stop()
