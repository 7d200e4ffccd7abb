"""The e-mail channel: renders a subject and body per event and sends through Django's SMTP backend."""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from civicdesk.notifications.models import NOT_TO_REPORTER
from civicdesk.petitions import reporter_access


def render(notification: Any) -> tuple[str, str]:
    case = notification.case
    with translation.override("vi"):
        context = {
            "case": case,
            "event": notification.event,
            "to_staff": notification.to_staff,
            "extra": notification.context or {},
            "site_url": settings.SITE_URL,
            # The city's mailbox is read (inbound/mail.py): a reply keeping the subject joins the case.
            "replies_read": bool(settings.IMAP_HOST) and case is not None,
            # The reporter's own link (proof of being the reporter: full view, rating, reopening).
            "reporter_url": "" if notification.to_staff or notification.event in NOT_TO_REPORTER or case is None
            else reporter_access.secret_link(case),
        }
        subject = " ".join(render_to_string("notifications/email/subject.txt", context).split())
        body = render_to_string("notifications/email/body.txt", context)
    return subject, body


def send(notification: Any) -> None:
    subject, body = render(notification)
    notification.subject = subject[:250]
    # Marked as ours and automatic (RFC 3834): the city's mailbox (inbound/mail.py) ignores it if it
    # comes back, and well-behaved mail programs send no vacation replies to it. Replies by people
    # keep the subject's tracking code and are added to the case.
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [notification.recipient], headers={
        "X-Civicdesk": f"notification {notification.pk}", "Auto-Submitted": "auto-generated"})
    message.send(fail_silently=False)


def is_configured() -> bool:
    """Always: without an SMTP host Django's console backend writes the message to the log (demo)."""
    return True
