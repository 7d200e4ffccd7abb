"""The Zalo conversation's background work: sending its replies (claimed with a conditional UPDATE,
retried with back-off on transient failures), reminding and then dropping reports left halfway
(Celery beat), and forgetting seen webhook events and old replies."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from civicdesk.notifications import zalo_api
from civicdesk.zalo.models import Reply, SeenEvent

log = logging.getLogger(__name__)


def claim(reply_id: int) -> Reply | None:
    now = timezone.now()
    stale = now - timedelta(seconds=settings.NOTIFICATION_LEASE_SECONDS)
    claimable = Q(state__in=[Reply.State.PENDING, Reply.State.FAILED]) | Q(
        state=Reply.State.SENDING, claimed_at__lt=stale)
    updated = Reply.objects.filter(claimable, pk=reply_id).update(
        state=Reply.State.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    return Reply.objects.get(pk=reply_id) if updated == 1 else None


@shared_task(bind=True, acks_late=True, max_retries=6)
def send_reply(self, reply_id: int) -> str:  # type: ignore[no-untyped-def]
    reply = claim(reply_id)
    if reply is None:
        return "skipped"
    try:
        zalo_api.send_text(reply.user_id, reply.text)
    except zalo_api.ZaloError as exc:  # refused by Zalo: retrying would not help
        Reply.objects.filter(pk=reply.pk).update(state=Reply.State.FAILED, error=str(exc)[:2000])
        log.warning("Zalo reply %s refused: %s", reply_id, exc)
        return "refused"
    except OSError as exc:
        Reply.objects.filter(pk=reply.pk).update(state=Reply.State.FAILED, error=str(exc)[:2000])
        if self.request.is_eager:
            log.warning("Zalo reply %s not sent: %s", reply_id, exc)
            return "failed"
        raise self.retry(exc=exc, countdown=30 * 2**self.request.retries) from exc
    Reply.objects.filter(pk=reply.pk).update(state=Reply.State.SENT, sent_at=timezone.now(), error="")
    return "sent"


@shared_task(acks_late=True)
def remind_and_expire() -> dict[str, int]:
    from civicdesk.zalo import conversation

    return conversation.remind_and_expire()


# Replies carry what the citizen was told (a status, an answer): kept this long for support, then erased.
REPLY_RETENTION = timedelta(days=30)


@shared_task(acks_late=True)
def forget_old_rows() -> dict[str, int]:
    """Seen webhook events after a day (older events are refused by their timestamp anyway) and the
    conversation's replies after REPLY_RETENTION."""
    now = timezone.now()
    events, _ = SeenEvent.objects.filter(received_at__lt=now - timedelta(days=1)).delete()
    replies, _ = Reply.objects.filter(created_at__lt=now - REPLY_RETENTION).delete()
    return {"seen_events": events, "replies": replies}
