from celery import shared_task

from civicdesk.notifications import email


@shared_task(bind=True, acks_late=True, max_retries=5, default_retry_delay=30)
def notify_reporter(self, case_id: int, event: str) -> None:  # type: ignore[no-untyped-def]
    from civicdesk.petitions.models import Case

    case = Case.objects.filter(pk=case_id).first()
    if case is None or not case.reporter_email:
        return
    try:
        email.send_case_email(case, event)
    except OSError as exc:  # SMTP down: try again later
        raise self.retry(exc=exc) from exc
