"""Webhooks: when a case is created, changes status or is answered, each subscribed client system
gets a signed POST. Deliveries are rows (the log in the admin), written in the same transaction as
the event and sent by a task after it commits; failures are retried with exponential backoff.

Signature: `X-Civicdesk-Signature: sha256=<hex>` where hex is HMAC-SHA256 with the subscription's
secret over `<X-Civicdesk-Timestamp>.<raw body>`."""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from civicdesk.api.models import WebhookDelivery, WebhookEvent, WebhookSubscription
from civicdesk.lib.refcache import RefCache
from civicdesk.petitions.models import Case, CaseEvent, EventAction, Status

MAX_ATTEMPTS = 6
BASE_DELAY_SECONDS = 30
TIMEOUT_SECONDS = 10


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min, 8 min after the 1st…5th failure."""
    return timedelta(seconds=BASE_DELAY_SECONDS * 2 ** max(attempts - 1, 0))


def _load_subscriptions() -> list[WebhookSubscription]:
    return list(WebhookSubscription.objects.filter(is_active=True, client__revoked_at__isnull=True))


# Intake is the hot path: each process keeps the (tiny) subscription table (`lib.refcache`).
_subscriptions = RefCache("webhook subscriptions", _load_subscriptions,
                          depends_on=["api.WebhookSubscription", "api.ApiClient"])


def _active_subscriptions() -> list[WebhookSubscription]:
    return _subscriptions.get()


def events_for(event: CaseEvent) -> list[str]:
    names: list[str] = []
    if event.action == EventAction.CREATED:
        names.append(WebhookEvent.CASE_CREATED)
    elif event.to_status and event.to_status != event.from_status:
        names.append(WebhookEvent.STATUS_CHANGED)
    if event.to_status == Status.ANSWERED and event.from_status != Status.ANSWERED:
        names.append(WebhookEvent.ANSWERED)
    return names


def payload(name: str, event: CaseEvent, case: Case) -> dict:
    """What a client system learns: no reporter data, no internal notes."""
    iso = lambda moment: timezone.localtime(moment).isoformat(timespec="seconds") if moment else None  # noqa: E731
    return {
        "event": name,
        "occurred_at": iso(event.created_at),
        "case": {
            "tracking_code": case.tracking_code,
            "status": event.to_status or case.status,
            "previous_status": event.from_status or None,
            "kind": case.kind,
            "channel": case.channel,
            "category": case.category.code if case.category else None,
            "agency": case.agency.code if case.agency else None,
            "ward": case.ward.code if case.ward else None,
            "created_at": iso(case.created_at),
            "due_at": iso(case.due_at),
            "answered_at": iso(case.answered_at),
            "url": settings.SITE_URL.rstrip("/") + case.get_absolute_url(),
        },
    }


def on_case_event(sender, instance: CaseEvent, created: bool, raw: bool = False, **_kwargs) -> None:  # type: ignore[no-untyped-def]
    if not created or raw:
        return
    names = events_for(instance)
    if not names:
        return
    subscriptions = _active_subscriptions()
    if not subscriptions:
        return
    case = instance.case
    for name in names:
        body = payload(name, instance, case)
        for subscription in subscriptions:
            if name not in (subscription.events or []):
                continue
            delivery = WebhookDelivery.objects.create(
                subscription=subscription, event=name, case_event=instance, payload=body)
            transaction.on_commit(partial(_enqueue, delivery.pk))


def _enqueue(delivery_id: int, countdown: float | None = None) -> None:
    from civicdesk.api.tasks import deliver_webhook
    from civicdesk.outbox.enqueue import send

    send(deliver_webhook, delivery_id, countdown=countdown)  # kept in the outbox if the broker is down


def sign(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def attempt(delivery_id: int) -> str | None:
    """Send one delivery once. Safe to run twice: the attempt is claimed with a conditional UPDATE.
    Returns the new state, or None when there was nothing to do."""
    delivery = WebhookDelivery.objects.select_related("subscription").filter(
        pk=delivery_id, state=WebhookDelivery.State.PENDING).first()
    if delivery is None:
        return None
    claimed = WebhookDelivery.objects.filter(
        pk=delivery.pk, state=WebhookDelivery.State.PENDING, attempts=delivery.attempts,
    ).update(attempts=delivery.attempts + 1, next_attempt_at=None)
    if claimed != 1:
        return None
    delivery.attempts += 1
    body = json.dumps({"delivery": delivery.pk, **delivery.payload}, ensure_ascii=False).encode("utf-8")
    timestamp = str(int(time.time()))
    request = urllib.request.Request(delivery.subscription.url, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "civicdesk-webhooks/1",
        "X-Civicdesk-Event": delivery.event,
        "X-Civicdesk-Delivery": str(delivery.pk),
        "X-Civicdesk-Timestamp": timestamp,
        "X-Civicdesk-Signature": sign(delivery.subscription.secret, timestamp, body),
    })
    status, error = None, ""
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            status = response.status
    except urllib.error.HTTPError as exc:
        status, error = exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, OSError, ValueError) as exc:
        error = str(exc)[:500]
    now = timezone.now()
    delivery.last_status_code = status
    delivery.last_error = error
    if status is not None and 200 <= status < 300:
        delivery.state = WebhookDelivery.State.DELIVERED
        delivery.delivered_at = now
    elif delivery.attempts >= MAX_ATTEMPTS:
        delivery.state = WebhookDelivery.State.FAILED
    else:
        delivery.next_attempt_at = now + backoff(delivery.attempts)
    delivery.save(update_fields=["last_status_code", "last_error", "state", "delivered_at", "next_attempt_at"])
    if delivery.state == WebhookDelivery.State.PENDING and not settings.CELERY_TASK_ALWAYS_EAGER:
        _enqueue(delivery.pk, countdown=backoff(delivery.attempts).total_seconds())
    return delivery.state


def due_deliveries() -> list[int]:
    """Pending deliveries whose backoff is over (also catches any whose task was lost)."""
    return list(WebhookDelivery.objects.filter(
        state=WebhookDelivery.State.PENDING, next_attempt_at__lte=timezone.now()).values_list("pk", flat=True))
