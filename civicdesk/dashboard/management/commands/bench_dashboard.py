"""`civicdesk bench-dashboard --cases 1000000`: load synthetic cases (once) and time every dashboard view.

Run it against a PostgreSQL database of its own (bench/dashboard/run.sh creates one). The load is
skipped when the database already holds at least --cases cases; --measure-only skips it always."""

import statistics
import time
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.utils import timezone

from civicdesk.accounts.models import Role, User
from civicdesk.dashboard import facts, synthetic
from civicdesk.dashboard.models import CaseFact, DailyFigure
from civicdesk.petitions.models import Case, CaseEvent, EventAction


class Command(BaseCommand):
    help = "Load synthetic cases and measure how fast every dashboard view answers"

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=1_000_000)
        parser.add_argument("--days", type=int, default=730)
        parser.add_argument("--repeat", type=int, default=5)
        parser.add_argument("--measure-only", action="store_true")
        parser.add_argument("--allow-sqlite", action="store_true", help="for a quick try on a small SQLite file")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql" and not options["allow_sqlite"]:
            raise CommandError("Run against PostgreSQL (CIVICDESK_DATABASE_URL=postgres://…); see bench/dashboard/")
        existing = Case.objects.count()
        if not options["measure_only"] and existing < options["cases"]:
            self._load(options["cases"] - existing, options["days"])
        self.stdout.write(f"Database: {connection.vendor} {connection.settings_dict['NAME']}; "
                          f"{Case.objects.count():,} cases, {CaseEvent.objects.count():,} events, "
                          f"{CaseFact.objects.count():,} case facts, {DailyFigure.objects.count():,} daily rows")
        self._measure(options["repeat"])

    def _load(self, count: int, days: int) -> None:
        started = time.perf_counter()
        last = [0.0]

        def progress(done, total):
            if time.perf_counter() - last[0] > 30 or done == total:
                last[0] = time.perf_counter()
                self.stdout.write(f"  generated {done:,}/{total:,} cases ({time.perf_counter() - started:.0f} s)")

        synthetic.generate(count, days=days, progress=progress)
        synthetic.reset_sequences()
        loaded = time.perf_counter()
        self.stdout.write(f"Loaded {count:,} cases in {loaded - started:.0f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        cases, rows = facts.rebuild_all(progress=lambda done, total: progress(done, total))
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        self.stdout.write(f"rebuild-dashboard: {cases:,} facts, {rows:,} daily rows in "
                          f"{time.perf_counter() - loaded:.0f} s")

    def _measure(self, repeat: int) -> None:
        supervisor, _created = User.objects.get_or_create(username="bench.giamsat", defaults={"role": Role.SUPERVISOR})
        lead = User.objects.filter(role=Role.OFFICER).exclude(agency=None).first()
        lead_user, _created = User.objects.get_or_create(username="bench.lanhdao", defaults={
            "role": Role.LEAD, "agency_id": lead.agency_id if lead else None})
        city, unit = Client(), Client()
        city.force_login(supervisor)
        unit.force_login(lead_user)
        sample = Case.objects.open().order_by("-id").first()
        busiest = (Case.objects.filter(created_at__gte=timezone.now() - timedelta(days=30))
                   .values("agency_id").order_by().annotate(n=Count("id"))
                   .order_by("-n").first() or {}).get("agency_id")
        views = [
            ("overview, city, 30 days", city, "/dieu-hanh/"),
            ("overview, city, this year", city, "/dieu-hanh/?period=year"),
            ("overview, city, 2 years by month", city, "/dieu-hanh/?period=custom&start="
             f"{timezone.localdate() - timedelta(days=729)}&by=month"),
            ("overview, one unit, 90 days", city, f"/dieu-hanh/?period=90d&agency={busiest}"),
            ("overview, as a unit lead", unit, "/dieu-hanh/"),
            ("KPI fragment (HTMX poll)", city, "/dieu-hanh/so-lieu/"),
            ("league table, 30 days", city, "/dieu-hanh/xep-hang/"),
            ("league table, this year", city, "/dieu-hanh/xep-hang/?period=year"),
            ("overdue by unit", city, "/dieu-hanh/qua-han/"),
            ("case list, overdue", city, "/dieu-hanh/ho-so/?state=overdue"),
            ("case list, 30 days, page 20", city, "/dieu-hanh/ho-so/?page=20"),
            ("case page with timeline", city, f"/dieu-hanh/ho-so/{sample.tracking_code}/" if sample else None),
            ("map page", city, "/dieu-hanh/ban-do/"),
            ("map data, 7 days", city, "/dieu-hanh/ban-do/du-lieu.json?period=7d"),
            ("map data, 30 days (10,000 cap)", city, "/dieu-hanh/ban-do/du-lieu.json"),
            ("hot spots", city, "/dieu-hanh/diem-nong/"),
            ("Excel export of the overview", city, "/dieu-hanh/?format=xlsx"),
            ("monthly PDF report, city", city, "/dieu-hanh/bao-cao/"),
        ]
        self.stdout.write("\n| view | URL | median ms | max ms | runs |\n|---|---|---:|---:|---:|")
        for label, client, url in views:
            if url is None:
                continue
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(url)
                timings.append(1000 * (time.perf_counter() - started))
                if response.status_code != 200:
                    raise CommandError(f"{url} answered {response.status_code}")
            self.stdout.write(f"| {label} | `{url}` | {statistics.median(timings):.0f} | {max(timings):.0f} "
                              f"| {repeat} |")
        if sample:
            timings = []
            for _ in range(repeat):
                started = time.perf_counter()
                CaseEvent.objects.create(case=sample, action=EventAction.NOTE, created_at=timezone.now(),
                                         to_status="", from_status="", note="bench")
                timings.append(1000 * (time.perf_counter() - started))
            self.stdout.write(f"| keeping figures exact: one event saved (signal → fact + affected days) | — | "
                              f"{statistics.median(timings):.0f} | {max(timings):.0f} | {repeat} |")
