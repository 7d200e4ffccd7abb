"""What one anonymous rate-limit check costs, against the Redis of 127.0.0.1:6379 (database 12).

    .venv/bin/python bench/ratelimit/check_cost.py [--calls 20000]

Prints microseconds per call, best of three runs, beside one Redis PING (a round trip) and the
Django cache calls the limiter replaced."""

import argparse
import os
import time

os.environ.setdefault("CIVICDESK_DEMO", "1")
os.environ["CIVICDESK_REDIS_URL"] = "redis://127.0.0.1:6379/12"
os.environ["DJANGO_SETTINGS_MODULE"] = "civicdesk.settings"

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.test import RequestFactory  # noqa: E402

from civicdesk.lib import ratelimit  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--calls", type=int, default=20000)
    calls = parser.parse_args().calls
    request = RequestFactory().post("/api/v1/cases", REMOTE_ADDR="127.0.0.1")
    request.user = AnonymousUser()
    settings.RATE_ANON_CREATE = "100000000/min"

    def best_of_three(label: str, call) -> None:  # type: ignore[no-untyped-def]
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            for _ in range(calls):
                call()
            best = min(best, (time.perf_counter() - start) / calls * 1e6)
        print(f"{label:45} {best:7.1f} µs")

    best_of_three("ratelimit.hit (one pipelined round trip)", lambda: ratelimit.hit(request, "anon_create"))
    cache.set("bench:incr", 0, 600)
    best_of_three("Django cache.incr", lambda: cache.incr("bench:incr"))
    best_of_three("Django cache.add + cache.incr", lambda: (cache.add("bench:add", 0, 65), cache.incr("bench:add")))
    best_of_three("Redis PING (one round trip)", lambda: cache._cache.get_client(None).ping())
    settings.RATE_ANON_CREATE = "0"
    best_of_three("ratelimit.hit, scope off (0)", lambda: ratelimit.hit(request, "anon_create"))
    cache.clear()


if __name__ == "__main__":
    main()
