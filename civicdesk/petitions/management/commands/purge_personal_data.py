"""`civicdesk purge-personal-data [--dry-run] [--years N]`: erase the reporter's personal data of
cases finished more than N years ago (what the daily task does; see petitions/retention.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from civicdesk.petitions.retention import erase_expired_personal_data


class Command(BaseCommand):
    help = "Xóa dữ liệu cá nhân của các hồ sơ đã kết thúc quá thời hạn lưu trữ."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--dry-run", action="store_true", help="chỉ đếm, không xóa gì")
        parser.add_argument("--years", type=int, default=None,
                            help="số năm lưu trữ sau khi hồ sơ kết thúc (mặc định "
                                 "PERSONAL_DATA_RETENTION_YEARS)")

    def handle(self, *args, dry_run: bool, years: int | None, **options):  # type: ignore[no-untyped-def]
        years = settings.PERSONAL_DATA_RETENTION_YEARS if years is None else years
        if years < 0:
            raise CommandError(_("Số năm lưu trữ phải từ 0 trở lên."))
        counts = erase_expired_personal_data(years=years, dry_run=dry_run)
        values = {"cases": counts.cases, "notifications": counts.notifications, "files": counts.files,
                  "years": years}
        if dry_run:
            message = _("Sẽ xóa dữ liệu cá nhân của %(cases)s hồ sơ kết thúc quá %(years)s năm: "
                        "%(notifications)s thông báo, %(files)s tệp (chạy thử, chưa xóa gì).")
        else:
            message = _("Đã xóa dữ liệu cá nhân của %(cases)s hồ sơ kết thúc quá %(years)s năm: "
                        "%(notifications)s thông báo, %(files)s tệp.")
        self.stdout.write(message % values)
