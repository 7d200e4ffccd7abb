"""The e-mail channel: renders a subject and body per event and sends through Django's SMTP."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from civicdesk.petitions.models import Case


def send_case_email(case: Case, event: str) -> None:
    with translation.override("vi"):
        context = {"case": case, "event": event, "site_url": settings.SITE_URL}
        subject = render_to_string("notifications/email/subject.txt", context).strip()
        body = render_to_string("notifications/email/body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [case.reporter_email])
