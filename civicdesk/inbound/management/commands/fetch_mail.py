"""`civicdesk fetch-mail`: read the city's mailbox now (Celery beat does it every minute)."""

import imaplib

from django.core.management.base import BaseCommand, CommandError

from civicdesk.inbound import mail


class Command(BaseCommand):
    help = "Đọc hộp thư của thành phố (IMAP): thư mới thành phản ánh, thư trả lời được thêm vào phản ánh."

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        if not mail.is_configured():
            raise CommandError("CIVICDESK_IMAP_HOST is not set: no mailbox to read.")
        try:
            counts = mail.fetch_mail()
        except (OSError, imaplib.IMAP4.error) as exc:
            raise CommandError(f"IMAP {exc}") from exc
        self.stdout.write(f"cases {counts.cases}, replies {counts.replies}, ignored {counts.ignored}, "
                          f"read before {counts.seen_before}")
        for error in counts.errors:
            self.stderr.write(error)
