"""Intake over HTTP: `POST /api/v1/cases` (validation, routing, events, receipt row; duplicate
search, masking, dashboard and receipt enqueued as one message after commit) against a reference
view that only inserts a case row and an event row, in the same run, on gunicorn sync workers and
PostgreSQL, driven by wrk.

    .venv/bin/python bench/intake/run.py [--connections 16] [--duration 20] [--workers 5]

Needs PostgreSQL at 127.0.0.1:5432 (user postgres), Redis at 127.0.0.1:6379 (the broker: the
notification task is enqueued, not run) and Debian's wrk. The database `civicdesk_bench` is
dropped and re-created. Bodies come from ../shared/data/petitions_train.csv (read at run time,
written only to a temporary Lua file)."""

import argparse
import contextlib
import csv
import json
import os
import random
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "bin"
DATA = Path(os.environ.get("CIVICDESK_SHARED_DATA", ROOT.parent / "shared" / "data")) / "petitions_train.csv"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Hữu", "Thanh", "Quốc", "Thu"]
GIVEN = ["An", "Bình", "Cường", "Dung", "Hà", "Hùng", "Lan", "Mai", "Nam", "Phúc", "Quân", "Trang"]

LUA = r"""
-- Every wrk invocation passes its own random prefix (`-- PREFIX`): warm-up, measured runs and
-- rounds never share an Idempotency-Key, so no request is answered as a replay of an earlier one.
local bodies = %(bodies)s
local threads = {}
local prefix = "none"
local counter = 0
local thread_id = 0
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
function init(args)
  prefix = args[1] or error("the key prefix is missing: wrk ... -- PREFIX")
  thread_id = tonumber(id) or 0
  counter = 0
end
function request()
  counter = counter + 1
  -- Threads start at different bodies so they do not send the same text at the same moment.
  local body = bodies[((thread_id * 7919 + counter) %% #bodies) + 1]
  local headers = {}
  headers["Content-Type"] = "application/json"
  headers["Idempotency-Key"] = prefix .. "-" .. thread_id .. "-" .. counter
  return wrk.format("POST", nil, headers, body)
end
"""


def lua_string(text: str) -> str:
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\""


def bodies(count: int, seed: int = 1022) -> list[str]:
    """`count` request bodies: a message of the labelled set with the address of another one, so a
    text comes back in different wards (the same text in the same ward within a week is a real
    duplicate, and a run of several thousand requests over 600 messages would otherwise be mostly
    duplicates); a phone number always, an e-mail address for a third of them (a receipt is sent)."""
    rng = random.Random(seed)
    rows = list(csv.DictReader(DATA.open(encoding="utf-8")))
    out = []
    for _ in range(count):
        row, place = rng.choice(rows), rng.choice(rows)
        phone = "09" + "".join(rng.choice("0123456789") for _ in range(8))
        body = {
            "title": row["title"][:200],
            "content": row["content"][:4000],
            "address": place["address"][:300],
            "lat": round(10.70 + rng.random() * 0.15, 6),
            "lon": round(106.60 + rng.random() * 0.15, 6),
            "reporter_name": f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}",
            "reporter_phone": phone,
        }
        if rng.random() < 1 / 3:
            body["reporter_email"] = f"nguoidan{rng.randrange(10**6)}@example.vn"
        if rng.random() < 0.8:  # most apps let the citizen pick the field
            body["category"] = row["category"]
        out.append(json.dumps(body, ensure_ascii=False))
    return out


def run(cmd: list[str], env: dict, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, check=True, **kwargs)


@contextlib.contextmanager
def serve(args: argparse.Namespace, env: dict, extra: list[str]) -> Iterator[None]:
    server = subprocess.Popen(
        [str(VENV / "gunicorn"), "civicdesk.wsgi:application", "-k", "sync", "-w", str(args.workers),
         "-b", f"127.0.0.1:{args.port}", "--log-level", "warning", *extra],
        env=env, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
    )
    try:
        yield
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
        _wait_port_free(args.port)


def _wait_port_free(port: int) -> None:
    import socket

    for _ in range(120):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return
        time.sleep(0.5)


def wait_for(url: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


def wrk(url: str, script: Path, connections: int, duration: int) -> dict:
    # A fresh random key prefix for every invocation (see LUA).
    prefix = secrets.token_hex(8)
    out = subprocess.run(
        # --timeout 30s: wrk's default (2 s) would drop slow requests from the latency figures.
        ["wrk", f"-t{min(connections, 2)}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s", "--latency",
         "-s", str(script), url, "--", prefix],
        check=True, capture_output=True, text=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if rps == 0:
        raise SystemExit("no request completed:\n" + out)
    errors = re.search(r"Socket errors:.*", out)
    answered = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": rps, "answered": answered, "p50_ms": p50, "p99_ms": p99, "non_2xx": int(bad.group(1)) if bad else 0,
            "socket_errors": errors.group(0) if errors else "", "raw": out}


def count_cases(env: dict, database: str) -> int:
    out = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAc", "select count(*) from petitions_case"],
        check=True, capture_output=True, text=True, env=env).stdout
    return int(out.strip())


def _ms(text: str) -> float:
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument("--database", default="civicdesk_bench")
    parser.add_argument("--rounds", type=int, default=2, help="alternate reference/full this many times")
    parser.add_argument("--warmup", type=int, default=10, help="seconds of load before measuring")
    parser.add_argument("--redis-dbs", default="14,13",
                        help="Redis databases for the broker and the cache (both are emptied at the end)")
    parser.add_argument("--diagnose", action="store_true",
                        help="also run the full create with the dashboard's save handlers disconnected")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    broker_db, cache_db = (int(n) for n in args.redis_dbs.split(","))
    work = Path(tempfile.mkdtemp(prefix="civicdesk-bench-intake-"))
    env = {
        **os.environ,
        "CIVICDESK_SECRET_KEY": secrets.token_urlsafe(50),  # a weak key is refused outside demo mode
        "CIVICDESK_SSL_REDIRECT": "0",  # wrk and the test client speak plain HTTP on loopback
        "CIVICDESK_DATA_DIR": str(work),
        "CIVICDESK_DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.database}",
        "CIVICDESK_BROKER_URL": f"redis://127.0.0.1:6379/{broker_db}",
        "CIVICDESK_REDIS_URL": f"redis://127.0.0.1:6379/{cache_db}",
        "CIVICDESK_BENCH_REFERENCE": "1",
        # wrk sends everything from 127.0.0.1: the anonymous limit is checked on every create, never reached.
        "CIVICDESK_RATE_ANON_CREATE": "1000000/min",
        "CIVICDESK_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    env.pop("CIVICDESK_DEMO", None)
    for sql in (f"DROP DATABASE IF EXISTS {args.database}", f"CREATE DATABASE {args.database}"):
        run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], env, capture_output=True)
    print("preparing the database (units, categories, agencies, routing table) …", flush=True)
    # `python -m` from this checkout, like gunicorn below (cwd=ROOT): the code measured is this tree's.
    run([str(VENV / "python"), "-m", "civicdesk.cli", "demo", "--no-serve", "--cases", "0", "--skip-kb"],
        {**env, "CIVICDESK_DEMO": "1"}, capture_output=True, cwd=ROOT)

    script = work / "bodies.lua"
    script.write_text(LUA % {"bodies": "{" + ",\n".join(map(lua_string, bodies(2000))) + "}"}, encoding="utf-8")
    base = f"http://127.0.0.1:{args.port}"
    plan = [
        ("reference", "/api/v1/bench/reference-cases", []),
        ("full", "/api/v1/cases", []),
    ]
    if args.diagnose:
        plan.append(("full-no-dash", "/api/v1/cases", ["--config", str(Path(__file__).with_name(
            "gunicorn_without_dashboard.py"))]))
    results: dict[str, list[dict]] = {name: [] for name, _path, _extra in plan}
    try:
        for _round in range(args.rounds):
            for name, path, extra in plan:
                # A fresh server for each measurement, warmed up, so one run's backlog cannot leak.
                with serve(args, env, extra):
                    wait_for(base + "/api/v1/health")
                    # Each worker loads the router's models on its first request: warm them all.
                    wrk(base + path, script, args.connections, args.warmup)
                    before = count_cases(env, args.database)
                    result = wrk(base + path, script, args.connections, args.duration)
                    # Requests still in flight when wrk stops may commit a moment later: they are
                    # not in `answered` either, so count once the server is idle.
                    time.sleep(1)
                    result["created"] = count_cases(env, args.database) - before
                results[name].append(result)
                print(f"{name:12} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:7.1f} ms  "
                      f"p99 {result['p99_ms']:7.1f} ms  answered {result['answered']}  created {result['created']}  "
                      f"non-2xx {result['non_2xx']} {result['socket_errors']}",
                      flush=True)
    finally:
        for number in {broker_db, cache_db}:
            subprocess.run(["redis-cli", "-n", str(number), "flushdb"], capture_output=True)
        shutil.rmtree(work, ignore_errors=True)

    share = subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", args.database, "-tAc",
         "select count(*), (select count(distinct case_id) from routing_possibleduplicate),"
         " (select count(*) from notifications_notification) from petitions_case where channel = 'api'"
         " and match_terms <> ''"],
        capture_output=True, text=True, env=env).stdout.strip()
    print()
    if share:
        cases, with_duplicates, receipts = (int(x) for x in share.split("|"))
        # The duplicate search and the masking are tasks after commit, and no worker runs here: found
        # duplicates are counted only when a worker (or `civicdesk find_duplicates`) has run.
        print(f"full create: {cases} cases, {receipts} receipt rows written; {with_duplicates} with a possible "
              f"duplicate stored (the search is a task after commit, not run by this bench)")
    print("| round | run | connections | workers | req/s | p50 | p99 | answered | cases created |"
          " ratio to that round's reference |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for index in range(args.rounds):
        reference = results["reference"][index]["rps"]
        for name, rows in results.items():
            result = rows[index]
            print(f"| {index + 1} | {name} | {args.connections} | {args.workers} sync | {result['rps']:.0f} | "
                  f"{result['p50_ms']:.1f} ms | {result['p99_ms']:.1f} ms | {result['answered']} | {result['created']} | "
                  f"{result['rps'] / reference:.2f} |")
    if any(r["created"] < r["answered"] - r["non_2xx"] for rows in results.values() for r in rows):
        print("WARNING: fewer cases created than 2xx answers: some requests were replays or duplicates")
    if any(r["non_2xx"] for rows in results.values() for r in rows):
        print("WARNING: some responses were not 2xx (see non-2xx above)")


if __name__ == "__main__":
    main()
