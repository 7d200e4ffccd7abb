"""Memory of one civicdesk web worker (gunicorn) and one Celery worker, measured as production runs
them: resident set size (VmRSS) after start-up, after the first case (the category router's model
loaded) and after the first assistant question (its search index loaded). docs/deploy.md "Sizing".

    .venv/bin/python bench/deploy/worker_memory.py [--train ../shared/data/petitions_train.csv]

A fresh SQLite data directory: categories, the demo knowledge base loaded and indexed, the router
trained on the labelled messages — then gunicorn with one sync worker and a Celery worker
(--pool solo), asked over HTTP. Prints JSON."""

import argparse
import csv
import http.client
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = ROOT / ".venv" / "bin"


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmRSS for {pid}")


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(port: int, path: str, body: dict) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("POST", path, json.dumps(body).encode(), {"Content-Type": "application/json",
                                                                  "Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
    status = connection.getresponse().status
    connection.close()
    return status


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", type=Path, default=ROOT.parent / "shared" / "data" / "petitions_train.csv")
    args = parser.parse_args()
    data = Path(tempfile.mkdtemp(prefix="civicdesk-memory-"))
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("CIVICDESK_")},
           "CIVICDESK_SECRET_KEY": secrets.token_urlsafe(50), "CIVICDESK_DATA_DIR": str(data),
           "CIVICDESK_TESTING": "0", "CIVICDESK_SSL_REDIRECT": "0", "CIVICDESK_TRUSTED_PROXIES": "127.0.0.1",
           "CIVICDESK_RATE_ANON_CREATE": "0", "CIVICDESK_RATE_ASSISTANT": "0"}

    def cli(*command: str) -> None:
        subprocess.run([str(BIN / "python"), "-m", "civicdesk.cli", *command], cwd=ROOT, env=env, check=True,
                       capture_output=True)

    with args.train.open() as handle:
        history = [(i, row["title"], row["content"], row["category"]) for i, row in enumerate(csv.DictReader(handle))]
    (data / "history.json").write_text(json.dumps(history, ensure_ascii=False))
    cli("migrate", "--noinput")
    cli("load-categories")
    cli("load-demo-kb")
    cli("rebuild-assistant-index")
    cli("shell", "-c", "import json; from civicdesk.routing import training; "
        f"print(training.train(history=json.load(open({str(data / 'history.json')!r}))))")

    port = free_port()
    web = subprocess.Popen([str(BIN / "gunicorn"), "-c", "python:civicdesk.ops.gunicorn_conf", "civicdesk.wsgi",
                            "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "1",
                            "--worker-class", "sync"], cwd=ROOT, env=env, start_new_session=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([str(BIN / "celery"), "-A", "civicdesk.celery_app", "worker", "--pool", "solo",
                               "--loglevel", "WARNING"], cwd=ROOT,
                              env={**env, "CIVICDESK_BROKER_URL": "redis://127.0.0.1:6379/9"},
                              start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    figures: dict[str, float] = {}
    try:
        for _ in range(240):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                if children(web.pid):
                    break
            except OSError:
                pass
            time.sleep(0.5)
        time.sleep(3)
        [web_worker] = children(web.pid)
        figures["gunicorn_master_mb"] = rss_mb(web.pid)
        figures["web_worker_started_mb"] = rss_mb(web_worker)
        status = post(port, "/api/v1/cases", {
            "content": "Đèn đường hẻm 45 Lê Văn Sỹ tắt cả tuần nay, buổi tối rất tối.", "address": "Lê Văn Sỹ"})
        assert status == 201, status
        figures["web_worker_after_case_mb"] = rss_mb(web_worker)
        status = post(port, "/api/v1/assistant/ask", {"question": "Làm giấy khai sinh cho con cần giấy tờ gì?"})
        assert status == 200, status
        figures["web_worker_after_assistant_mb"] = rss_mb(web_worker)
        for _ in range(20):
            post(port, "/api/v1/assistant/ask", {"question": "Đăng ký thường trú ở đâu, mất bao lâu?"})
        figures["web_worker_after_21_questions_mb"] = rss_mb(web_worker)
        time.sleep(max(0.0, 20 - (time.monotonic() % 1)))
        figures["celery_worker_solo_idle_mb"] = rss_mb(worker.pid)
    finally:
        for process in (web, worker):
            os.killpg(process.pid, signal.SIGTERM)
        for process in (web, worker):
            process.wait(timeout=60)
        shutil.rmtree(data, ignore_errors=True)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    sys.exit(main())
