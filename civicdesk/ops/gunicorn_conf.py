"""gunicorn's configuration for civicdesk, the same in the smoke test, the container and systemd:
`gunicorn -c python:civicdesk.ops.gunicorn_conf civicdesk.wsgi`. Everything can be overridden on
the command line or with GUNICORN_CMD_ARGS (e.g. "--bind 0.0.0.0:8000 --workers 4")."""

import os
import shutil
import tempfile
from typing import Any

bind = os.environ.get("CIVICDESK_BIND", "127.0.0.1:8000")
# Sync views with a few threads each: intake waits on the database, not the CPU (docs/deploy.md, sizing).
workers = int(os.environ.get("CIVICDESK_WEB_WORKERS", "2"))
threads = int(os.environ.get("CIVICDESK_WEB_THREADS", "4"))
worker_class = "gthread"
timeout = 60
graceful_timeout = 30
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
forwarded_allow_ips = os.environ.get("CIVICDESK_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = None  # civicdesk writes its own access line (JSON, with the request id)
errorlog = "-"

# Every worker counts its requests in files here; /metrics adds them up (prometheus_client multiprocess).
_own_metrics_dir = "PROMETHEUS_MULTIPROC_DIR" not in os.environ
if _own_metrics_dir:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="civicdesk-metrics-")


def on_starting(server: Any) -> None:
    directory = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    os.makedirs(directory, exist_ok=True)
    for name in os.listdir(directory):  # counts of a previous run would be added to this one's
        os.remove(os.path.join(directory, name))


def child_exit(server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server: Any) -> None:
    if _own_metrics_dir:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
