"""Periodic workflow tasks (scheduled in celery_app.BEAT_SCHEDULE); each is safe to run twice."""

from celery import shared_task


@shared_task(acks_late=True)
def escalate_deadlines() -> int:
    from civicdesk.workflow.escalation import escalate

    return escalate()


@shared_task(acks_late=True)
def close_expired_answers() -> int:
    from civicdesk.workflow.operations import close_expired_answers as close

    return close()


@shared_task(acks_late=True)
def reforward_late_directives() -> int:
    from civicdesk.workflow.operations import reforward_late_directives as reforward

    return reforward()
