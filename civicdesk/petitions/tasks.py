"""Periodic petitions tasks (scheduled in celery_app.BEAT_SCHEDULE); each is safe to run twice."""

from celery import shared_task


@shared_task(acks_late=True)
def erase_expired_personal_data() -> dict[str, int]:
    """The daily erasure promised on the privacy page (see petitions/retention.py), and the cases
    of citizens' erasure requests that have ended since (petitions/personal_data.py)."""
    from civicdesk.petitions.personal_data import carry_out_waiting
    from civicdesk.petitions.retention import erase_expired_personal_data as erase

    counts = erase()
    completed = carry_out_waiting()
    result = {"cases": counts.cases, "notifications": counts.notifications, "files": counts.files}
    if completed:
        result["erasure_requests_completed"] = completed
    return result


@shared_task(acks_late=True)
def fill_public_text(case_id: int) -> bool:
    """After intake commits a case: the masked copies of its title and content."""
    from civicdesk.petitions.public_text import fill_stored

    return fill_stored(case_id)
