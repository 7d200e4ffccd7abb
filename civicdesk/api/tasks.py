from pathlib import Path

from celery import shared_task
from django.conf import settings


@shared_task(acks_late=True)
def deliver_webhook(delivery_id: int) -> str | None:
    from civicdesk.api.webhooks import attempt

    return attempt(delivery_id)


@shared_task
def retry_due_webhooks() -> int:
    from civicdesk.api.webhooks import attempt, due_deliveries

    due = due_deliveries()
    for delivery_id in due:
        attempt(delivery_id)
    return len(due)


@shared_task
def export_open_data(out: str | None = None) -> int:
    from civicdesk.api.opendata import export

    _csv, _json, count = export(Path(out) if out else Path(settings.DATA_DIR) / "open-data")
    return count
