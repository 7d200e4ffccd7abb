"""`civicdesk create-staff-token USERNAME`: a token for a staff member's own tools; printed once."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from civicdesk.api.models import StaffApiToken


class Command(BaseCommand):
    help = "Tạo mã truy cập API cho một cán bộ; mã chỉ được in ra một lần."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="mục đích dùng")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError("Không có người dùng này.")
        _token, raw = StaffApiToken.issue(user, options["name"])
        self.stdout.write(raw)
