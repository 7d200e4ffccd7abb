"""Reading what Zalo posts to the webhook (developers.zalo.me, "Webhook" of the OA API).

Every event is a JSON object with `app_id`, `event_name`, `timestamp` (milliseconds, as a string)
and, for messages, `sender.id` (the user, OA-scoped), `recipient.id` (the OA) and `message`
(`msg_id`, `text`, `attachments`: `{"type": "image", "payload": {"url": …}}`,
`{"type": "location", "payload": {"coordinates": {"latitude": …, "longitude": …}}}`); `follow` and
`unfollow` carry `follower.id`; `user_received_message` / `user_seen_message` (the OA's messages
reached the user) carry the user as `recipient.id` and `message.msg_ids`. Zalo signs each POST in the header
`X-ZEvent-Signature: mac=<hex>`, the hex SHA-256 of app id + the raw body + the timestamp + the OA
secret key (the OA's, not the app's)."""

import hashlib
import hmac
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

SIGNATURE_HEADER = "X-ZEvent-Signature"
HANDLED = {"user_send_text", "user_send_image", "user_send_location", "follow", "unfollow",
           "user_received_message", "user_seen_message"}
# Zalo tells when the OA's messages reached the user (the user is then the recipient).
DELIVERY_REPORTS = {"user_received_message", "user_seen_message"}


class BadEvent(ValueError):
    pass


@dataclass
class InboundEvent:
    name: str
    user_id: str
    timestamp_ms: int
    key: str
    text: str = ""
    image_urls: list[str] = field(default_factory=list)
    location: tuple[float, float] | None = None
    message_ids: list[str] = field(default_factory=list)


def expected_signature(app_id: str, raw_body: bytes, timestamp: str, oa_secret: str) -> str:
    return hashlib.sha256(app_id.encode() + raw_body + timestamp.encode() + oa_secret.encode()).hexdigest()


def signature_ok(raw_body: bytes, payload: dict[str, Any], header: str, app_id: str, oa_secret: str) -> bool:
    if not (header and app_id and oa_secret) or str(payload.get("app_id", "")) != app_id:
        return False
    given = header.strip()
    if given.lower().startswith("mac="):
        given = given[4:].strip()
    expected = expected_signature(app_id, raw_body, str(payload.get("timestamp", "")), oa_secret)
    return hmac.compare_digest(given.lower(), expected)


def is_fresh(payload: dict[str, Any], now: float | None = None) -> bool:
    """Whether the event's own timestamp is within ZALO_WEBHOOK_MAX_AGE_SECONDS of now."""
    try:
        sent = int(str(payload.get("timestamp", ""))) / 1000
    except ValueError:
        return False
    return abs((now or time.time()) - sent) <= settings.ZALO_WEBHOOK_MAX_AGE_SECONDS


def parse(payload: dict[str, Any]) -> InboundEvent:
    name = str(payload.get("event_name", ""))
    holder = (payload.get("follower") if name in ("follow", "unfollow")
              else payload.get("recipient") if name in DELIVERY_REPORTS else payload.get("sender"))
    user_id = str((holder or {}).get("id", "")) if isinstance(holder, dict) else ""
    if not user_id or not user_id.isdigit() or len(user_id) > 40:
        raise BadEvent("no sender")
    timestamp = int(str(payload.get("timestamp", "0")))
    found = payload.get("message")
    message: dict[str, Any] = found if isinstance(found, dict) else {}
    message_id = str(message.get("msg_id", ""))
    ids = message.get("msg_ids")
    message_ids = [str(i)[:100] for i in ids][:100] if isinstance(ids, list) else []
    key = hashlib.sha256(f"{name}:{user_id}:{message_id or ','.join(message_ids) or timestamp}".encode()).hexdigest()
    event = InboundEvent(name=name, user_id=user_id, timestamp_ms=timestamp, key=key, message_ids=message_ids)
    if name == "user_send_text":
        event.text = str(message.get("text", ""))[:4000]
    attachments = message.get("attachments")
    for item in attachments if isinstance(attachments, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("payload"), dict):
            continue
        body = item["payload"]
        if item.get("type") == "image" and body.get("url"):
            event.image_urls.append(str(body["url"]))
        elif item.get("type") == "location" and isinstance(body.get("coordinates"), dict):
            try:
                lat, lon = float(body["coordinates"]["latitude"]), float(body["coordinates"]["longitude"])
            except (KeyError, TypeError, ValueError):
                raise BadEvent("location without coordinates") from None
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise BadEvent("location out of range")
            event.location = (lat, lon)
    return event
