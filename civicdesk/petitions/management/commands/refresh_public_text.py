"""civicdesk refresh-public-text [--missing-only]: rewrite the masked public title and content stored
on every case — after the masking rules change, or after a bulk load that wrote no public texts."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from civicdesk.petitions import public_text


class Command(BaseCommand):
    help = "Tính lại tiêu đề và nội dung công khai (đã che thông tin cá nhân) của mọi hồ sơ."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--missing-only", action="store_true",
                            help="chỉ những hồ sơ chưa có bản công khai")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        changed = sum(public_text.refresh(batch_size=max(1, options["batch_size"]),
                                          only_missing=options["missing_only"]))
        self.stdout.write(f"{changed} hồ sơ được cập nhật bản công khai.")
