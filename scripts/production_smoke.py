"""civicdesk started the way production runs it, and one case sent through it (scripts/production-smoke).

A database of its own on PostgreSQL, Redis as broker and cache, `civicdesk migrate` and
`collectstatic`, two gunicorn nodes behind one address (a small HTTP proxy here, in the role of
nginx), a Celery worker and Celery beat — each a separate process, started with the same entry
points as deploy/ (the container and the systemd units). Then:

1. /healthz through the proxy is 200 with every check ok; /metrics answers only with the token;
2. a case sent to the API arrives as a receipt e-mail at an SMTP server on loopback, sent by the
   worker, whose log line carries the request id of the API call;
3. a session opened on one node is valid on the other, and the rate limit counts on both (Redis);
4. the case is moved back in time (its dates set ten days earlier in the database) and beat's
   escalation task, run every 2 s here (CIVICDESK_ESCALATION_INTERVAL_SECONDS), sends the
   supervisor a reminder by e-mail;
5. `civicdesk backup` dumps the database with pg_dump;
6. everything is stopped with SIGTERM and must exit on its own; whatever it started is killed
   and the database dropped even when a step fails.

Environment: CIVICDESK_SMOKE_PG (default postgres://postgres@127.0.0.1:5432/postgres, a role that
may create databases) and CIVICDESK_SMOKE_REDIS (default redis://127.0.0.1:6379, databases 10 and 11
are emptied and used)."""

import contextlib
import http.client
import http.server
import itertools
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import redis
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
PG_URL = os.environ.get("CIVICDESK_SMOKE_PG", "postgres://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("CIVICDESK_SMOKE_REDIS", "redis://127.0.0.1:6379")
BROKER_DB, CACHE_DB = 10, 11
SUPERVISOR = ("giamsat.smoke", "giamsat.smoke@example.vn")
REPORTER = "nguoidan.smoke@example.vn"
STARTED = time.monotonic()


def say(message: str) -> None:
    print(f"[smoke {time.monotonic() - STARTED:5.1f}s] {message}", flush=True)


class SmokeFailure(RuntimeError):
    pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(what: str, predicate, timeout: float, interval: float = 0.25):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise SmokeFailure(f"timed out after {timeout:.0f}s waiting for {what}")


# --- the outside world on loopback: SMTP server and the proxy in front of the two nodes ---------------

class Mailbox:
    def __init__(self) -> None:
        self.messages: list[dict[str, str | list[str]]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append({"to": list(envelope.rcpt_tos), "subject": " ".join(str(message["subject"]).split())})
        return "250 accepted"

    def to(self, address: str) -> list[dict[str, str | list[str]]]:
        return [m for m in self.messages if address in m["to"]]


class RoundRobinProxy(http.server.ThreadingHTTPServer):
    """One address for two gunicorn nodes, as nginx would be: requests alternate between the nodes,
    and each carries X-Forwarded-For / X-Forwarded-Proto like the TLS proxy of deploy/."""

    daemon_threads = True

    def __init__(self, port: int, backends: list[int]) -> None:
        self.backends = itertools.cycle(backends)
        self.served: Counter[int] = Counter()
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", port), ProxyHandler)

    def next_backend(self) -> int:
        with self.lock:
            backend = next(self.backends)
            self.served[backend] += 1
            return backend


class ProxyHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: RoundRobinProxy

    def _forward(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("connection", "keep-alive")}
        headers["X-Forwarded-For"] = self.client_address[0]
        headers["X-Forwarded-Proto"] = "https"
        upstream = http.client.HTTPConnection("127.0.0.1", self.server.next_backend(), timeout=30)
        try:
            upstream.request(self.command, self.path, body=body, headers=headers)
            answer = upstream.getresponse()
            payload = answer.read()
        finally:
            upstream.close()
        self.send_response_only(answer.status, answer.reason)
        for key, value in answer.getheaders():
            if key.lower() not in ("connection", "transfer-encoding", "content-length", "keep-alive"):
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(payload)
        self.close_connection = True

    do_GET = do_POST = do_HEAD = _forward

    def log_message(self, format: str, *args) -> None:  # type: ignore[no-untyped-def]
        pass


def http_request(port: int, method: str, path: str, body: bytes | None = None,
                 headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        # As the TLS proxy of deploy/ does (the proxy here sets it too): the client spoke HTTPS.
        connection.request(method, path, body=body, headers={
            "Host": f"127.0.0.1:{port}", "X-Forwarded-Proto": "https", **(headers or {})})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


# --- the processes ----------------------------------------------------------------------------------

class Stack:
    def __init__(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="civicdesk-smoke-"))
        self.db_name = f"civicdesk_smoke_{os.getpid()}_{secrets.token_hex(3)}"
        self.processes: dict[str, subprocess.Popen] = {}
        self.logs: dict[str, Path] = {}
        self.database_created = False
        self.mailbox = Mailbox()
        self.smtp: Controller | None = None
        self.proxy: RoundRobinProxy | None = None
        self.env: dict[str, str] = {}

    # set-up
    def prepare(self) -> None:
        pg = urlparse(PG_URL)
        with psycopg.connect(PG_URL, autocommit=True, connect_timeout=10) as conn:
            conn.execute(f'CREATE DATABASE "{self.db_name}"')
        self.database_created = True
        for db in (BROKER_DB, CACHE_DB):
            redis.Redis.from_url(f"{REDIS_URL}/{db}").flushdb()
        self.smtp = Controller(self.mailbox, hostname="127.0.0.1", port=free_port(), server_hostname="localhost")
        self.smtp.start()
        database_url = pg._replace(path=f"/{self.db_name}").geturl()
        inherited = {k: v for k, v in os.environ.items()
                     if not k.startswith(("CIVICDESK_", "DJANGO_", "PROMETHEUS_", "GUNICORN_"))}
        self.env = {
            **inherited,
            "CIVICDESK_SECRET_KEY": secrets.token_urlsafe(50),
            "CIVICDESK_DATA_DIR": str(self.workdir / "data"),
            "CIVICDESK_DATABASE_URL": database_url,
            "CIVICDESK_BROKER_URL": f"{REDIS_URL}/{BROKER_DB}",
            "CIVICDESK_REDIS_URL": f"{REDIS_URL}/{CACHE_DB}",
            "CIVICDESK_EMAIL_HOST": "127.0.0.1",
            "CIVICDESK_EMAIL_PORT": str(self.smtp.port),
            "CIVICDESK_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CIVICDESK_TRUSTED_PROXIES": "127.0.0.1",
            "CIVICDESK_METRICS_TOKEN": "smoke-" + secrets.token_hex(16),
            "CIVICDESK_RATE_TRACKING_MISS": "3/min",
            "CIVICDESK_ESCALATION_INTERVAL_SECONDS": "2",
            "CIVICDESK_LOG_LEVEL": "INFO",
            "CIVICDESK_WEB_WORKERS": "2",
            "CIVICDESK_WEB_THREADS": "2",
            "CIVICDESK_TESTING": "0",
            "CIVICDESK_DEMO": "0",
        }

    def cli(self, *args: str, timeout: float = 240) -> str:
        done = subprocess.run([str(VENV_BIN / "python"), "-m", "civicdesk.cli", *args], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0:
            raise SmokeFailure(f"civicdesk {' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        return done.stdout

    def start(self, name: str, command: list[str], extra_env: dict[str, str] | None = None) -> None:
        log_path = self.workdir / f"{name}.log"
        log = log_path.open("wb")
        self.logs[name] = log_path
        # A session of its own: stopping sends the signal to the process group (gunicorn's and the
        # worker's children included).
        self.processes[name] = subprocess.Popen(command, cwd=ROOT, env={**self.env, **(extra_env or {})},
                                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()

    def check_alive(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise SmokeFailure(f"{name} exited early ({process.returncode}):\n{self.tail(name)}")

    def tail(self, name: str, lines: int = 40) -> str:
        path = self.logs.get(name)
        if not path or not path.exists():
            return ""
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])

    # tear-down
    def stop(self) -> list[str]:
        """SIGTERM to each process group, in reverse order; what has not exited in 20 s is killed."""
        problems = []
        for _name, process in reversed(list(self.processes.items())):
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 20
        for name, process in self.processes.items():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                problems.append(f"{name} did not stop within 20 s of SIGTERM: killed")
            if process.returncode not in (0, None, -signal.SIGTERM):
                problems.append(f"{name} exited with {process.returncode}")
            with contextlib.suppress(ProcessLookupError, PermissionError):  # a child left by a crashed parent
                os.killpg(process.pid, signal.SIGKILL)
            if process.poll() is None:
                process.wait(timeout=5)
        return problems

    def clean_up(self) -> None:
        if self.proxy is not None:
            self.proxy.shutdown()
            self.proxy.server_close()
        if self.smtp is not None:
            self.smtp.stop()
        if self.database_created:
            with psycopg.connect(PG_URL, autocommit=True, connect_timeout=10) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
        for db in (BROKER_DB, CACHE_DB):
            with contextlib.suppress(redis.RedisError):
                redis.Redis.from_url(f"{REDIS_URL}/{db}").flushdb()
        if os.environ.get("CIVICDESK_SMOKE_KEEP") != "1":
            shutil.rmtree(self.workdir, ignore_errors=True)


# --- the run ----------------------------------------------------------------------------------------

def run(stack: Stack) -> None:
    stack.prepare()
    say(f"database {stack.db_name}, SMTP on {stack.smtp.port if stack.smtp else '?'}, data in {stack.workdir}")
    static = threading.Thread(target=stack.cli, args=("collectstatic", "--noinput"))
    static.start()  # beside migrate: it reads no database
    stack.cli("migrate", "--noinput")
    stack.cli("shell", "-c", (
        "from django.core.management import call_command; call_command('load_categories'); "
        "from civicdesk.accounts.models import User, Role; "
        f"User.objects.create_user({SUPERVISOR[0]!r}, {SUPERVISOR[1]!r}, 'smoke-pass-Vn-2027', role=Role.SUPERVISOR)"
    ))
    static.join()
    if not (stack.workdir / "data" / "static" / "staticfiles.json").exists() and not any(
            (stack.workdir / "data" / "static").glob("*/*.css")):
        raise SmokeFailure("collectstatic wrote no static files")
    say("migrated, static files collected, categories and a supervisor created")

    nodes = [free_port(), free_port()]
    gunicorn = [str(VENV_BIN / "gunicorn"), "-c", "python:civicdesk.ops.gunicorn_conf", "civicdesk.wsgi"]
    for index, port in enumerate(nodes):
        stack.start(f"web{index + 1}", [*gunicorn, "--bind", f"127.0.0.1:{port}"])
    celery = [str(VENV_BIN / "celery"), "-A", "civicdesk.celery_app"]
    stack.start("worker", [*celery, "worker", "--loglevel", "INFO", "--concurrency", "2",
                           "--hostname", f"smoke-{uuid.uuid4().hex[:8]}@%h"])
    stack.start("beat", [*celery, "beat", "--loglevel", "INFO",
                         "--schedule", str(stack.workdir / "data" / "celerybeat-schedule")])
    proxy_port = free_port()
    stack.proxy = RoundRobinProxy(proxy_port, nodes)
    threading.Thread(target=stack.proxy.serve_forever, daemon=True).start()

    def node_ready(port: int) -> bool:
        stack.check_alive()
        try:
            return http_request(port, "GET", "/healthz")[0] in (200, 503)
        except OSError:
            return False

    for port in nodes:
        wait_for(f"gunicorn on {port}", lambda port=port: node_ready(port), 60)
    wait_for("the worker", lambda: stack.check_alive() or "ready." in stack.tail("worker", 200), 60)
    say(f"two gunicorn nodes ({nodes}), worker and beat up; proxy on {proxy_port}")

    # 1. health and metrics, through the one address
    status, _, body = http_request(proxy_port, "GET", "/healthz")
    health = json.loads(body)
    if status != 200 or health["status"] != "ok":
        raise SmokeFailure(f"/healthz answered {status}: {health}")
    if health["checks"]["broker"].get("mode") == "in-process" or "Redis" not in health["checks"]["cache"]["backend"]:
        raise SmokeFailure(f"/healthz does not show Redis as broker and cache: {health}")
    if http_request(proxy_port, "GET", "/metrics")[0] != 401:
        raise SmokeFailure("/metrics answered without the token")
    css = sorted((stack.workdir / "data" / "static").glob("petitions/*.css"))
    if not css or http_request(proxy_port, "GET", f"/static/petitions/{css[0].name}")[0] != 200:
        raise SmokeFailure(f"collected static files are not served ({css[:1]})")

    # 2. a case through the API; the receipt comes through the worker
    request_id = f"smoke-{uuid.uuid4().hex}"
    payload = json.dumps({
        "content": "Đèn đường hẻm 45 Lê Văn Sỹ tắt cả tuần nay, buổi tối rất tối, người đi đường dễ té ngã.",
        "address": "Hẻm 45 Lê Văn Sỹ", "reporter_name": "Phạm Thị Dung", "reporter_email": REPORTER,
    }).encode()
    status, headers, body = http_request(proxy_port, "POST", "/api/v1/cases", payload, {
        "Content-Type": "application/json", "X-Request-ID": request_id})
    if status != 201:
        raise SmokeFailure(f"POST /api/v1/cases answered {status}: {body[:500]!r}")
    if headers.get("x-request-id") != request_id:
        raise SmokeFailure(f"the request id came back as {headers.get('x-request-id')!r}")
    code = json.loads(body)["tracking_code"]
    say(f"case {code} created ({json.loads(body)['status']})")
    receipt = wait_for("the receipt e-mail", lambda: [m for m in stack.mailbox.to(REPORTER) if code in m["subject"]], 30)
    say(f"receipt received: {receipt[0]['subject']}")

    def worker_logged_request_id() -> bool:
        lines = [json.loads(line) for line in stack.tail("worker", 400).splitlines() if line.startswith("{")]
        return any(line.get("request_id") == request_id and "send_notification" in line["message"]
                   for line in lines)

    wait_for(f"a JSON line of the worker with the request id {request_id}", worker_logged_request_id, 15)
    say("the worker's log lines carry the API call's request id")

    # 3. two nodes, one state: a session from node 1 is valid on node 2; rate limits count on both
    session = log_in(nodes[0])
    status, headers, _ = http_request(nodes[1], "GET", "/tai-khoan/", headers={"Cookie": session})
    if status != 302 or "dang-nhap" in headers.get("location", ""):
        raise SmokeFailure(f"node 2 does not know node 1's session: {status} → {headers.get('location')}")
    statuses = [http_request(proxy_port, "GET", f"/api/v1/cases/ZZZZ-ZZ{i:02d}")[0] for i in range(4)]
    if statuses != [404, 404, 404, 429] or min(stack.proxy.served.values()) < 3:
        raise SmokeFailure(f"misses at limit 3/min over both nodes answered {statuses}; served {stack.proxy.served}")
    say(f"sessions and rate limits shared by the nodes (misses: {statuses}; served {dict(stack.proxy.served)})")

    # 4. ten days pass for the case: beat's escalation task reminds the supervisor
    with psycopg.connect(stack.env["CIVICDESK_DATABASE_URL"], autocommit=True) as conn:
        moved = conn.execute("UPDATE petitions_case SET created_at = created_at - interval '10 days', "
                             "due_at = due_at - interval '10 days' WHERE tracking_code = %s", [code]).rowcount
        conn.execute("UPDATE petitions_caseevent SET created_at = created_at - interval '10 days' "
                     "WHERE case_id = (SELECT id FROM petitions_case WHERE tracking_code = %s)", [code])
    if moved != 1:
        raise SmokeFailure(f"case {code} not found in the database")
    reminder = wait_for("the escalation e-mail to the supervisor",
                        lambda: [m for m in stack.mailbox.to(SUPERVISOR[1]) if code in m["subject"]], 45)
    say(f"beat escalated it: {reminder[0]['subject']}")

    # metrics, from each node (Prometheus scrapes every node): the API call and the case are counted
    created = 0.0
    for port in nodes:
        samples = scrape(port, stack.env["CIVICDESK_METRICS_TOKEN"])
        created += sum(value for (name, labels), value in samples.items()
                       if name == "civicdesk_http_requests_total" and ("method", "POST") in labels
                       and ("status", "201") in labels)
    if created != 1 or samples.get(("civicdesk_cases", (("state", "triage"),))) != 1:
        raise SmokeFailure(f"/metrics: {created} creates counted; cases by state {samples}")
    say("each node's /metrics counts its requests; cases by state read from the database")

    # 5. a backup of the production database
    out = stack.cli("backup", "--output", str(stack.workdir / "backups"))
    manifest = json.loads((Path(out.splitlines()[0]) / "manifest.json").read_text())
    if manifest["engine"] != "postgresql" or manifest["counts"]["cases"] != 1:
        raise SmokeFailure(f"backup manifest: {manifest}")
    say(f"backup written with pg_dump ({manifest['files']['database.pgdump']['bytes']} bytes)")
    stack.check_alive()


def scrape(port: int, token: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    from prometheus_client.parser import text_string_to_metric_families

    status, _, body = http_request(port, "GET", "/metrics", headers={"Authorization": f"Bearer {token}"})
    if status != 200:
        raise SmokeFailure(f"/metrics with the token answered {status} on {port}")
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(body.decode()) for sample in family.samples}


def log_in(port: int) -> str:
    """Sign the supervisor in on one node; returns the Cookie header of the new session."""
    status, headers, body = http_request(port, "GET", "/tai-khoan/dang-nhap/")
    csrf_cookie = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", ""))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or not csrf_cookie or not token:
        raise SmokeFailure(f"login page answered {status} without a CSRF token")
    form = f"csrfmiddlewaretoken={token.group(1).decode()}&username={SUPERVISOR[0]}&password=smoke-pass-Vn-2027"
    status, headers, _ = http_request(port, "POST", "/tai-khoan/dang-nhap/", form.encode(), {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf_cookie.group(1)}",
        "Referer": f"https://127.0.0.1:{port}/tai-khoan/dang-nhap/"})
    session = re.search(r"sessionid=([^;]+)", headers.get("set-cookie", ""))
    if status != 302 or not session:
        raise SmokeFailure(f"login answered {status} without a session")
    return f"sessionid={session.group(1)}"


def main() -> int:
    stack = Stack()

    def interrupted(signum, frame):  # type: ignore[no-untyped-def]
        raise SmokeFailure(f"interrupted by signal {signum}")

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    failure = None
    try:
        run(stack)
    except Exception as exc:
        failure = exc
        for name in stack.processes:
            print(f"--- last lines of {name}:\n{stack.tail(name)}", file=sys.stderr)
    finally:
        problems = stack.stop()
        stack.clean_up()
    if failure is None and problems:
        failure = SmokeFailure("; ".join(problems))
    if failure is not None:
        print(f"production smoke FAILED: {failure}", file=sys.stderr)
        return 1
    say("stopped cleanly: gunicorn ×2, worker, beat; database dropped")
    print("smoke: 1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
