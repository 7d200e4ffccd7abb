"""`civicdesk bench-pages --cases 1000000`: load synthetic cases (once) and time the pages people work
in all day, the public pages and the APIs: p50 and p95, queries per request and bytes.

Requests go through Django's test client in this process (no HTTP server, no network): what is timed
is the whole Django stack — middleware, sessions, views, templates — and the database. Run it against
a PostgreSQL database of its own (bench/pages/run.sh creates `civicdesk_pages_bench`). The load is
skipped when the database already holds at least --cases cases (--measure-only: always)."""

import logging
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from civicdesk.accounts.models import Role, User
from civicdesk.api.models import StaffApiToken
from civicdesk.dashboard import synthetic
from civicdesk.ops import page_bench_data
from civicdesk.petitions.models import Case, CaseEvent, Category, Status

TARGETS_MS = {"list": 300, "case": 150, "action": 200, "export": None}
MAX_HTML_BYTES = 200_000


@dataclass
class Measured:
    label: str
    kind: str
    url: str
    timings: list[float]
    queries: list[int]
    size: int
    status: int
    html: bool

    def p(self, share: float) -> float:
        ordered = sorted(self.timings)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _getter(client: Any, url: str, headers: dict) -> Callable[[], Any]:
    return lambda: client.get(url, **headers)


class Command(BaseCommand):
    help = "Load synthetic cases and measure the working pages, public pages and APIs"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--cases", type=int, default=100_000)
        parser.add_argument("--days", type=int, default=730)
        parser.add_argument("--repeat", type=int, default=20, help="requests per page (exports: a fifth of it)")
        parser.add_argument("--measure-only", action="store_true")
        parser.add_argument("--only", default="", help="measure only the pages whose label contains one of these "
                            "comma-separated words")
        parser.add_argument("--allow-sqlite", action="store_true", help="for a quick try on a small SQLite file")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if connection.vendor != "postgresql" and not options["allow_sqlite"]:
            raise CommandError("Run against PostgreSQL (CIVICDESK_DATABASE_URL=postgres://…); see bench/pages/")
        logging.getLogger("civicdesk.request").setLevel(logging.WARNING)  # one line per request otherwise
        if not options["measure_only"]:
            self._load(options["cases"], options["days"])
        self.stdout.write(f"Database: {connection.vendor} {connection.settings_dict['NAME']}; "
                          f"{Case.objects.count():,} cases, {CaseEvent.objects.count():,} events")
        self.stdout.write("\n| page or API | kind | p50 ms | p95 ms | queries | KB | target | met |\n"
                          "|---|---|---:|---:|---:|---:|---|---|")
        self._measure(options["repeat"], options["only"])

    def _load(self, cases: int, days: int) -> None:
        existing = Case.objects.count()
        started = time.perf_counter()
        if existing < cases:
            last = [0.0]

            def progress(done: int, total: int) -> None:
                if time.perf_counter() - last[0] > 30 or done == total:
                    last[0] = time.perf_counter()
                    self.stdout.write(f"  generated {done:,}/{total:,} cases ({time.perf_counter() - started:.0f} s)")

            synthetic.generate(cases - existing, days=days, progress=progress)
            synthetic.reset_sequences()
            self.stdout.write(f"Loaded {cases - existing:,} cases in {time.perf_counter() - started:.0f} s")
        if existing < cases or not page_bench_data.prepared():
            step = time.perf_counter()
            page_bench_data.prepare(progress=self.stdout.write)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("VACUUM ANALYZE")
            self.stdout.write(f"Prepared the pages' extras in {time.perf_counter() - step:.0f} s "
                              f"(whole load {time.perf_counter() - started:.0f} s)")

    # --- the pages -----------------------------------------------------------------------------

    def _clients(self) -> dict[str, Any]:
        busiest = (Case.objects.filter(status__in=(Status.IN_PROGRESS, Status.AWAITING_APPROVAL))
                   .exclude(agency=None).values("agency_id").order_by().annotate(n=Count("id"))
                   .order_by("-n").first() or {}).get("agency_id")
        if busiest is None:
            raise CommandError("No open cases with an agency: load data first")
        users = {
            "supervisor": ("bench.giamsat", Role.SUPERVISOR, None),
            "operator": ("bench.tongdai", Role.OPERATOR, None),
            "officer": (f"bench.canbo.{busiest}", Role.OFFICER, busiest),
            "lead": (f"bench.lanhdao.{busiest}", Role.LEAD, busiest),
        }
        clients: dict[str, Any] = {"anonymous": Client(), "agency": busiest}
        for key, (username, role, agency) in users.items():
            user, _created = User.objects.get_or_create(username=username, defaults={
                "role": role, "agency_id": agency, "full_name": username})
            client = Client()
            client.force_login(user)
            clients[key] = client
            clients[f"{key}_user"] = user
        _token, raw = StaffApiToken.issue(clients["officer_user"], name="bench-pages")
        clients["api_headers"] = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
        return clients

    def _measure(self, repeat: int, only: str) -> list[Measured]:
        c = self._clients()
        agency = c["agency"]
        sample = (Case.objects.filter(agency_id=agency, status=Status.IN_PROGRESS).order_by("-id").first())
        public = Case.objects.filter(is_public=True).order_by("-id").first()
        category = Category.objects.order_by("id").first()
        ward = Case.objects.exclude(ward=None).values_list("ward__code", flat=True).first()
        if sample is None or public is None or category is None:
            raise CommandError("The data lacks an in-progress case or a public case: load data first")
        since = (timezone.now() - timedelta(days=30)).isoformat(timespec="seconds")
        today = timezone.localdate()
        word = "Môi trường" if Category.objects.filter(name="Môi trường").exists() else category.name
        gets: list[tuple[str, str, str, Any, dict]] = [
            ("triage queue", "list", "/quy-trinh/phan-loai/", c["operator"], {}),
            ("triage queue, page 3", "list", "/quy-trinh/phan-loai/?page=3", c["operator"], {}),
        ]
        for tab in ("new", "in_progress", "due_soon", "overdue", "awaiting_approval", "answered"):
            gets.append((f"agency inbox, tab {tab}", "list", f"/xu-ly/?tab={tab}", c["officer"], {}))
        gets += [
            ("agency inbox, search a phone", "list", f"/xu-ly/?tab=answered&q={sample.reporter_phone}",
             c["officer"], {}),
            ("agency inbox, lead, awaiting approval", "list", "/xu-ly/?tab=awaiting_approval", c["lead"], {}),
            ("all cases (supervisor)", "list", "/quy-trinh/ho-so/", c["supervisor"], {}),
            ("all cases, page 200", "list", "/quy-trinh/ho-so/?page=200", c["supervisor"], {}),
            ("all cases, open + agency + category", "list",
             f"/quy-trinh/ho-so/?status=open&agency={agency}&category={category.pk}", c["supervisor"], {}),
            ("all cases, overdue", "list", "/quy-trinh/ho-so/?sla=overdue", c["supervisor"], {}),
            ("all cases, search a word", "list", "/quy-trinh/ho-so/?q=c%E1%BB%91ng", c["supervisor"], {}),
            ("all cases, search a phone", "list", f"/quy-trinh/ho-so/?q={sample.reporter_phone}", c["supervisor"],
             {}),
            ("all cases, search a tracking code", "list", f"/quy-trinh/ho-so/?q={sample.tracking_code}",
             c["supervisor"], {}),
            ("overdue by agency", "list", "/quy-trinh/qua-han/", c["supervisor"], {}),
            ("case page (agency)", "case", f"/xu-ly/ho-so/{sample.tracking_code}/", c["officer"], {}),
            ("case page (supervisor)", "case", f"/quy-trinh/ho-so/{sample.tracking_code}/", c["supervisor"], {}),
            ("public list", "list", "/cong-khai/", c["anonymous"], {}),
            ("public list, page 50", "list", "/cong-khai/?trang=50", c["anonymous"], {}),
            ("public list, search", "list", f"/cong-khai/?q={word}", c["anonymous"], {}),
            ("public list, search + category + dates", "list",
             f"/cong-khai/?q=ph%E1%BA%A3n+%C3%A1nh&category={category.pk}&date_from={today - timedelta(days=90)}",
             c["anonymous"], {}),
            ("tracking page", "case", f"/tra-cuu/{public.tracking_code}/", c["anonymous"], {}),
            ("Open311 GET requests", "list", "/open311/v2/requests.json", c["anonymous"], {}),
            ("Open311 GET requests, filters", "list",
             f"/open311/v2/requests.json?service_code={category.code}&status=closed&start_date={since}",
             c["anonymous"], {}),
            ("REST public list", "list", "/api/v1/cases?limit=100", c["anonymous"], {}),
            ("REST public list, filters", "list",
             f"/api/v1/cases?category={category.code}&ward={ward or ''}&offset=200", c["anonymous"], {}),
            ("REST staff list", "list", "/api/v1/staff/cases?limit=100&status=in_progress", c["anonymous"],
             c["api_headers"]),
        ]
        exports: list[tuple[str, str, str, Any, dict]] = [
            ("xlsx export, open cases (dashboard)", "export", "/dieu-hanh/ho-so/?state=open&format=xlsx",
             c["supervisor"], {}),
            ("xlsx export, 30 days (dashboard)", "export", "/dieu-hanh/ho-so/?format=xlsx", c["supervisor"], {}),
            ("CSV open data, all public cases", "export", "/api/v1/open-data/cases.csv", c["anonymous"], {}),
        ]
        results = []
        wanted = [word for word in only.split(",") if word]

        def skip(label: str) -> bool:
            return bool(wanted) and not any(word in label for word in wanted)

        for label, kind, url, client, headers in gets + exports:
            if skip(label):
                continue
            runs = max(1, repeat // 5) if kind == "export" else repeat
            results.append(self._time(label, kind, url, _getter(client, url, headers), runs))
        codes = page_bench_data.sample_codes()
        actions = [
            ("routing action (triage → agency)", c["operator"], codes["triage"],
             lambda code: (f"/quy-trinh/ho-so/{code}/triage/", self._triage_form(code, agency))),
            ("approval (lead approves the answer)", c["lead"],
             [code for code in codes["awaiting"]
              if Case.objects.filter(tracking_code=code, agency_id=agency).exists()],
             lambda code: (f"/xu-ly/ho-so/{code}/tra-loi/duyet/", {"note": ""})),
        ]
        for label, client, pool, build in actions:
            if skip(label):
                continue
            if len(pool) < 1:
                self.stdout.write(f"  (no case left for {label}: skipped)")
                continue
            queue = list(pool[:repeat])

            def act(cl=client, q=queue, b=build):  # type: ignore[no-untyped-def]
                url, data = b(q.pop(0))
                return cl.post(url, data)

            results.append(self._time(label, "action", build(pool[0])[0], act, len(queue), expect=302))
        return results

    def _triage_form(self, code: str, agency: int) -> dict:
        case = Case.objects.get(tracking_code=code)
        prefix = f"t{case.pk}"
        return {f"{prefix}-category": case.category_id or Category.objects.values_list("id", flat=True).first(),
                f"{prefix}-agency": agency, f"{prefix}-priority": "normal", f"{prefix}-note": ""}

    def _time(self, label: str, kind: str, url: str, call: Callable[[], Any], runs: int,
              expect: int = 200) -> Measured:
        timings, queries = [], []
        size, status, html = 0, 0, False
        for _run in range(runs):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = call()
                body = b"".join(response.streaming_content) if response.streaming else response.content
                timings.append(1000 * (time.perf_counter() - started))
            queries.append(len(captured.captured_queries))
            size, status = len(body), response.status_code
            html = response.get("Content-Type", "").startswith("text/html")
            if status != expect:
                raise CommandError(f"{label}: {url} answered {status}")
            if kind == "action" and response.status_code == 302:
                self._check_action_succeeded(response)
        measured = Measured(label, kind, url, timings, queries, size, status, html)
        self._print(measured)
        return measured

    def _check_action_succeeded(self, response: Any) -> None:
        # a refusal is a redirect too, with an error message in the session
        storage = getattr(response.wsgi_request, "_messages", None)
        for message in storage or []:
            if "error" in message.tags:
                raise CommandError(f"action refused: {message}")

    def _print(self, row: Measured) -> None:
        target = TARGETS_MS[row.kind]
        p95 = row.p(0.95)
        met = "—" if target is None else ("yes" if p95 < target else "**no**")
        if row.html and row.size > MAX_HTML_BYTES:
            met = "**no** (size)"
        queries = (f"{min(row.queries)}" if min(row.queries) == max(row.queries)
                   else f"{min(row.queries)}–{max(row.queries)}")
        self.stdout.write(
            f"| {row.label} | {row.kind} | {statistics.median(row.timings):.0f} | {p95:.0f} | {queries} "
            f"| {row.size / 1000:,.1f} | {f'< {target} ms' if target else 'streamed'} | {met} |")
        self.stdout.flush()
