"""`civicdesk rebuild-dashboard`: recompute every dashboard figure from the cases (after bulk imports
or writes that skip signals)."""

import time

from django.core.management.base import BaseCommand

from civicdesk.dashboard import facts


class Command(BaseCommand):
    help = "Recompute the dashboard's per-case facts and daily figures from the cases"

    def handle(self, *args, **options):
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if options["verbosity"] >= 2 or done == total:
                self.stdout.write(f"  {done:,}/{total:,} cases")

        cases, rows = facts.rebuild_all(progress=progress)
        self.stdout.write(self.style.SUCCESS(
            f"Rebuilt {cases:,} case facts and {rows:,} daily rows in {time.perf_counter() - started:.1f} s"))
