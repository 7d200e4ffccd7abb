"""Sending notifications. Tasks take ids, re-read the row and claim it with a conditional UPDATE;
`acks_late` (settings) means a worker killed mid-send leaves the message on the broker, and the
claim expires after NOTIFICATION_LEASE_SECONDS so the next worker sends it. A reporter's message
that its channel refuses for good, or fails on the last retry, goes on the next channel of their
reply order (`dispatch.fall_back`); the failed row is then never claimed again."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from civicdesk.notifications.models import Event, Notification

log = logging.getLogger(__name__)


def claim(notification_id: int) -> Notification | None:
    now = timezone.now()
    stale = now - timedelta(seconds=settings.NOTIFICATION_LEASE_SECONDS)
    claimable = Q(state__in=[Notification.State.PENDING, Notification.State.FAILED]) | Q(
        state=Notification.State.SENDING, claimed_at__lt=stale
    )
    # a message that another channel took over (`_fall_back`) is never sent on this one again
    claimable &= ~Q(context__has_key="superseded_by")
    updated = Notification.objects.filter(claimable, pk=notification_id).update(
        state=Notification.State.SENDING, claimed_at=now, attempts=F("attempts") + 1
    )
    if updated != 1:
        return None
    return Notification.objects.select_related("case", "case__duplicate_of", "case__agency").get(pk=notification_id)


@shared_task(bind=True, acks_late=True, max_retries=6)
def send_notification(self, notification_id: int) -> str:  # type: ignore[no-untyped-def]
    from civicdesk.notifications.channels import PermanentFailure, sender_for
    from civicdesk.petitions import events
    from civicdesk.petitions.models import EventAction

    notification = claim(notification_id)
    if notification is None:
        return "skipped"
    try:
        sender_for(notification.channel)(notification)
    except PermanentFailure as exc:  # refused for good: recorded, not retried; the next channel tries
        Notification.objects.filter(pk=notification.pk).update(
            state=Notification.State.FAILED, error=str(exc)[:2000])
        log.warning("notification %s undeliverable: %s", notification_id, exc)
        _fall_back(notification, str(exc))
        return "undeliverable"
    except OSError as exc:  # SMTP down or refusing: try again later with backoff
        Notification.objects.filter(pk=notification.pk).update(
            state=Notification.State.FAILED, error=str(exc)[:2000]
        )
        if self.request.retries >= self.max_retries:  # the last try: the next channel takes over
            log.warning("notification %s given up after %s tries: %s", notification_id, notification.attempts, exc)
            _fall_back(notification, str(exc))
            return "given up"
        if self.request.is_eager:
            log.warning("notification %s not sent: %s", notification_id, exc)
            return "failed"
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc
    now = timezone.now()
    sent = {"state": Notification.State.SENT, "sent_at": now, "subject": notification.subject, "error": "",
            "provider_id": notification.provider_id}
    if notification.event == Event.SIGN_IN_CODE:
        # The code is a secret and the address belongs to no case (nothing would ever erase it):
        # both are kept only until the message is sent; the row stays as a record that one was.
        sent["context"] = {}
        sent["recipient"] = ""
    Notification.objects.filter(pk=notification.pk).update(**sent)
    if notification.case is None:
        return "sent"
    events.record(
        notification.case, EventAction.NOTIFIED, None,
        f"{notification.get_channel_display()}: {notification.get_event_display()}",
        is_public=False, at=now,
        data={"notification": notification.pk, "channel": notification.channel, "event": notification.event,
              "to_staff": notification.to_staff},
    )
    return "sent"


def _fall_back(failed: Notification, reason: str) -> None:
    """The reporter's message goes on the next channel of their reply order (`dispatch.fall_back`);
    the timeline says which channel failed and which one takes over."""
    from civicdesk.notifications import dispatch
    from civicdesk.petitions import events
    from civicdesk.petitions.models import EventAction

    failed.context = failed.context or {}
    replacement = dispatch.fall_back(failed)
    if replacement is None or failed.case is None:
        return
    Notification.objects.filter(pk=failed.pk).update(context={**failed.context, "superseded_by": replacement.pk})
    with override("vi"):
        note = _("%(failed)s không gửi được (%(reason)s): gửi lại qua %(channel)s") % {
            "failed": failed.get_channel_display(), "reason": reason[:200],
            "channel": replacement.get_channel_display()}
    events.record(failed.case, EventAction.NOTIFIED, None, note, is_public=False, data={
        "notification": failed.pk, "channel": failed.channel, "event": failed.event, "failed": True,
        "fallback": replacement.pk, "fallback_channel": replacement.channel})


@shared_task(acks_late=True)
def notify_reporter(case_id: int, event: str) -> None:
    """Kept for callers of the first skeleton: stores the notification and sends it."""
    from civicdesk.notifications import dispatch
    from civicdesk.petitions.models import Case

    case = Case.objects.filter(pk=case_id).first()
    if case is not None:
        dispatch.notify_reporter(case, event)
