"""civicdesk find-duplicates [--days N]: possible duplicates among open cases written without
intake (a bulk import, the demo's generator). Intake finds them by itself for every new case."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from civicdesk.routing import duplicate_search


class Command(BaseCommand):
    help = _("Tìm hồ sơ có thể trùng trong các hồ sơ đang mở nhận trong N ngày qua (sau khi nhập hàng loạt).")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7, help=_("số ngày tính lùi từ hôm nay (mặc định 7)"))

    def handle(self, *args, **options):
        if options["days"] < 1:
            raise CommandError(_("--days phải là số nguyên dương."))
        read, stored = duplicate_search.backfill(timezone.now() - timedelta(days=options["days"]))
        self.stdout.write(_("Đã đọc %(read)s hồ sơ đang mở, ghi %(stored)s gợi ý có thể trùng.")
                          % {"read": read, "stored": stored})
