"""Periodic petitions tasks (scheduled in celery_app.BEAT_SCHEDULE); each is safe to run twice."""

from celery import shared_task


@shared_task(acks_late=True)
def erase_expired_personal_data() -> dict[str, int]:
    """The daily erasure promised on the privacy page (see petitions/retention.py)."""
    from civicdesk.petitions.retention import erase_expired_personal_data as erase

    counts = erase()
    return {"cases": counts.cases, "notifications": counts.notifications, "files": counts.files}
