"""Where one create's time goes: `POST /api/v1/cases` and the reference view through Django's test
client (no HTTP server, no wrk), on the PostgreSQL database that `bench/intake/run.py` prepared,
with wall-clock time per call summed over the main steps of intake.

    .venv/bin/python bench/intake/phases.py [--requests 500]

Run `bench/intake/run.py` once before (it creates and fills `civicdesk_bench`). Times are
inclusive (a step's time contains the steps it calls) and per create."""

import argparse
import collections
import functools
import os
import secrets
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))
sys.path.insert(0, str(HERE))

os.environ.update({
    "CIVICDESK_SECRET_KEY": secrets.token_urlsafe(50),  # a weak key is refused outside demo mode
    "CIVICDESK_SSL_REDIRECT": "0",  # the test client speaks plain HTTP
    "CIVICDESK_DATA_DIR": os.environ.get("CIVICDESK_DATA_DIR", "/tmp/civicdesk-bench-phases"),
    "CIVICDESK_DATABASE_URL": os.environ.get("CIVICDESK_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/civicdesk_bench"),
    "CIVICDESK_BROKER_URL": os.environ.get("CIVICDESK_BROKER_URL", "redis://127.0.0.1:6379/14"),
    "CIVICDESK_REDIS_URL": os.environ.get("CIVICDESK_REDIS_URL", "redis://127.0.0.1:6379/13"),
    "CIVICDESK_BENCH_REFERENCE": "1",
    "CIVICDESK_RATE_ANON_CREATE": "1000000/min",
    "CIVICDESK_ALLOWED_HOSTS": "testserver",
    "DJANGO_SETTINGS_MODULE": "civicdesk.settings",
})

import django  # noqa: E402

django.setup()

import run as bench_run  # noqa: E402
from celery.app import task as celery_task  # noqa: E402
from django.db.backends.base import base as db_base  # noqa: E402
from django.test import Client  # noqa: E402

from civicdesk.notifications import dispatch  # noqa: E402
from civicdesk.routing import duplicate_search, pipeline, priority  # noqa: E402
from civicdesk.workflow import intake  # noqa: E402

spent: collections.Counter = collections.Counter()


def timed(owner: object, name: str, label: str) -> None:
    original = getattr(owner, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            spent[label] += time.perf_counter() - start

    setattr(owner, name, wrapper)


STEPS = [
    (intake, "submit", "intake.submit (all of intake)"),
    (intake, "_apply_routing", "  routing decision + deadline"),
    (duplicate_search, "match_terms", "    content words (for later searches)"),
    (priority, "urgent_reasons", "    urgent hint"),
    (pipeline, "_classify", "    category (when not given)"),
    (pipeline, "_locate", "    ward from address / map"),
    (intake, "_record_intake_events", "  events (one INSERT + signals)"),
    (dispatch, "notify_reporter", "  receipt row (when e-mail)"),
    (db_base.BaseDatabaseWrapper, "commit", "  COMMIT"),
    (celery_task.Task, "apply_async", "  enqueue after commit (Celery, one message)"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()
    for owner, name, label in STEPS:
        timed(owner, name, label)
    bodies = bench_run.bodies(2000, seed=7)
    client = Client()

    def drive(path: str, count: int) -> tuple[float, float]:
        """Wall-clock and CPU (this process) ms per create: on a shared machine the CPU time is the
        steadier figure, and with the cores busy it is what limits requests per second."""
        start, cpu = time.perf_counter(), time.process_time()
        for index in range(count):
            response = client.post(path, bodies[index % len(bodies)], content_type="application/json",
                                   headers={"Idempotency-Key": f"phases-{time.time_ns()}-{index}"})
            if response.status_code != 201:
                raise SystemExit(f"{path}: {response.status_code} {response.content[:300]!r}")
        return (time.perf_counter() - start) / count * 1000, (time.process_time() - cpu) / count * 1000

    drive("/api/v1/cases", 50)
    drive("/api/v1/bench/reference-cases", 50)
    reference = drive("/api/v1/bench/reference-cases", args.requests)
    spent.clear()
    full = drive("/api/v1/cases", args.requests)
    print(f"reference view      {reference[0]:6.2f} ms per create (CPU {reference[1]:.2f} ms)")
    print(f"POST /api/v1/cases  {full[0]:6.2f} ms per create (CPU {full[1]:.2f} ms)")
    for _owner, _name, label in STEPS:
        print(f"  {label:40} {spent[label] / args.requests * 1000:6.2f} ms")


if __name__ == "__main__":
    main()
