from celery import shared_task
from django.db import OperationalError


@shared_task(bind=True, acks_late=True, max_retries=5, default_retry_delay=5)
def refresh_cases(self, case_ids: list[int]) -> None:  # type: ignore[no-untyped-def]
    """Recompute the dashboard figures of these cases; safe to run twice (it rewrites, never adds)."""
    from civicdesk.dashboard import facts

    try:
        for case_id in sorted(set(case_ids)):
            facts.refresh_case(case_id)
    except OperationalError as exc:  # a deadlock with a concurrent refresh of the same day: try again
        raise self.retry(exc=exc, countdown=2 ** self.request.retries) from exc
