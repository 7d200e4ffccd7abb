"""Polling the city's mailbox (Celery beat, CIVICDESK_IMAP_POLL_SECONDS)."""

import imaplib
import logging

from celery import shared_task

from civicdesk.inbound import mail

log = logging.getLogger(__name__)


@shared_task(acks_late=True, ignore_result=True)
def fetch_mail() -> None:
    """Safe to run twice (each message is acted on once, by its Message-ID); a mailbox that does not
    answer is logged and read at the next run."""
    if not mail.is_configured():
        return
    try:
        counts = mail.fetch_mail()
    except (OSError, imaplib.IMAP4.error) as exc:
        log.warning("mailbox not read: %s", exc)
        return
    if counts.cases or counts.replies or counts.ignored or counts.errors:
        log.info("mailbox: %s", counts)
