import logging

from celery import shared_task
from django.db import OperationalError

from civicdesk.routing import duplicate_search, training

log = logging.getLogger(__name__)


@shared_task
def retrain_router(force: bool = False) -> dict:
    """Nightly: operators' confirmations and corrections become the next model. `force` (the
    admin's "train now") trains even when the history is unchanged."""
    try:
        trained = training.train() if force else training.train_if_changed()
    except training.NotEnoughHistory as exc:
        log.info("category router not trained: %s", exc)
        return {"trained": False, "reason": str(exc)}
    if trained is None:
        return {"trained": False, "reason": "history unchanged since the current model"}
    log.info("category router trained on %s cases: %s", trained.cases, trained.path)
    return {"trained": True, "model": str(trained.path), "cases": trained.cases}


@shared_task(bind=True, acks_late=True, max_retries=5, default_retry_delay=5)
def find_possible_duplicates(self, case_id: int) -> int:  # type: ignore[no-untyped-def]
    """After intake commits a case: its possible duplicates, stored for the triage panel."""
    try:
        return len(duplicate_search.record_for(case_id))
    except OperationalError as exc:  # the database away for a moment: try again
        raise self.retry(exc=exc, countdown=2 ** self.request.retries) from exc
