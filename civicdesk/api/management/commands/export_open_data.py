"""`civicdesk export-open-data --out DIR`: write cases.csv and cases.json of published cases."""

from pathlib import Path

from django.core.management.base import BaseCommand

from civicdesk.api.opendata import export


class Command(BaseCommand):
    help = "Xuất dữ liệu mở (CSV, JSON) các hồ sơ đã công khai, không có thông tin cá nhân."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--out", required=True, help="thư mục ghi cases.csv và cases.json")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        csv_path, json_path, count = export(Path(options["out"]))
        self.stdout.write(f"{count} hồ sơ → {csv_path}, {json_path}")
