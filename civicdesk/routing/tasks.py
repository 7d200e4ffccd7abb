import logging

from celery import shared_task

from civicdesk.routing import training

log = logging.getLogger(__name__)


@shared_task
def retrain_router() -> dict:
    """Nightly: operators' confirmations and corrections become the next model."""
    try:
        trained = training.train_if_changed()
    except training.NotEnoughHistory as exc:
        log.info("category router not trained: %s", exc)
        return {"trained": False, "reason": str(exc)}
    if trained is None:
        return {"trained": False, "reason": "history unchanged since the current model"}
    log.info("category router trained on %s cases: %s", trained.cases, trained.path)
    return {"trained": True, "model": str(trained.path), "cases": trained.cases}
