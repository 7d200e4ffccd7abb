import logging

from celery import shared_task

from civicdesk.routing import training

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
