"""`civicdesk create-api-key NAME`: register a client system and print its key once."""

from django.core.management.base import BaseCommand, CommandError

from civicdesk.api.models import ApiClient


class Command(BaseCommand):
    help = "Tạo khóa API cho một hệ thống kết nối; khóa chỉ được in ra một lần."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("name", help="tên hệ thống, ví dụ: lgsp, mot-cua, app-quan-1")
        parser.add_argument("--rate-limit", type=int, default=None, help="số yêu cầu tối đa mỗi phút")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        name = options["name"].strip()
        if not name:
            raise CommandError("Tên hệ thống không được để trống.")
        if ApiClient.objects.filter(name=name).exists():
            raise CommandError(f"Đã có hệ thống tên “{name}”; thu hồi khóa cũ trong trang quản trị trước.")
        _client, raw = ApiClient.issue(name, rate_limit_per_minute=options["rate_limit"])
        self.stdout.write(raw)
        self.stderr.write("Lưu khóa này ngay: hệ thống chỉ giữ bản băm, không thể xem lại.")
