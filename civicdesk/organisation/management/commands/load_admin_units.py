"""`civicdesk load-admin-units [--province 79 ...]`: today's provinces and wards, the pre-2025
provinces, districts and wards, and the old→new ward mapping (all of Vietnam by default)."""

import time

from django.core.management.base import BaseCommand, CommandError

from civicdesk.organisation import admin_units


class Command(BaseCommand):
    help = "Load administrative units (today's and pre-2025) from the vietnamadminunits package."

    def add_arguments(self, parser):
        parser.add_argument(
            "--province", action="append", default=[], metavar="CODE",
            help="Today's 2-digit province code (79 = Ho Chi Minh City); repeat for several. Default: all.",
        )

    def handle(self, *args, province: list[str], **options):
        known = {code for code, _ in admin_units.available_provinces()}
        unknown = [code for code in province if code.zfill(2) not in known]
        if unknown:
            raise CommandError(f"Unknown province code(s): {', '.join(unknown)}. Known: {', '.join(sorted(known))}")
        started = time.monotonic()
        result = admin_units.load(province or None)
        self.stdout.write(
            f"{result.provinces} provinces, {result.wards} wards/communes/special zones; "
            f"before 1/7/2025: {result.legacy_provinces} provinces, {result.legacy_districts} districts, "
            f"{result.legacy_wards} wards; {result.mappings} old→new ward links "
            f"({time.monotonic() - started:.1f} s)"
        )
