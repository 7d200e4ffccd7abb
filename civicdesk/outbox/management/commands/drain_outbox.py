from typing import Any

from django.core.management.base import BaseCommand

from civicdesk.outbox import enqueue
from civicdesk.outbox.models import PendingTask


class Command(BaseCommand):
    help = "Send to the broker the tasks kept while it was unreachable (beat does it every minute)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = enqueue.drain()
        self.stdout.write(f"{sent} sent, {PendingTask.objects.count()} left")
