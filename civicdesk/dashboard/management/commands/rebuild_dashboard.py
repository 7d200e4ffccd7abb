"""`civicdesk rebuild-dashboard`: recompute every dashboard figure from the cases (after bulk imports
or writes that skip signals)."""

import time

from django.core.management.base import BaseCommand

from civicdesk.dashboard import facts


class Command(BaseCommand):
    help = "Recompute the dashboard's per-case facts and daily figures from the cases"

    def add_arguments(self, parser):
        parser.add_argument("--days-only", action="store_true",
                            help="keep the per-case facts, recompute only the daily sums")

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["days_only"]:
            rows = facts.rebuild_days()
            self.stdout.write(self.style.SUCCESS(
                f"Rebuilt {rows:,} daily rows in {time.perf_counter() - started:.1f} s"))
            return

        def progress(done: int, total: int) -> None:
            if options["verbosity"] >= 2 or done == total:
                self.stdout.write(f"  {done:,}/{total:,} cases")

        cases, rows = facts.rebuild_all(progress=progress)
        self.stdout.write(self.style.SUCCESS(
            f"Rebuilt {cases:,} case facts and {rows:,} daily rows in {time.perf_counter() - started:.1f} s"))
