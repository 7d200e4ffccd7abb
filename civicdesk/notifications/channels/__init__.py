"""Delivery channels: one module per channel, each with `send(notification) -> None` that raises
`OSError` (or a subclass, e.g. smtplib.SMTPException) on a transient failure so the task retries.

Adding a channel (SMS, Zalo OA):
1. add `civicdesk/notifications/channels/<name>.py` with `send(notification)`; read the
   provider's endpoint and key from `CIVICDESK_<NAME>_*` settings and refuse to start without them;
2. add it to `CHANNELS` below and to `models.Channel` (already lists sms and zalo);
3. make `dispatch._reporter_recipients` return (channel, address) pairs for it (e.g. the reporter's
   phone number when the reporter chose SMS);
4. write `tests/notifications/test_<name>.py` against a real local stand-in of the provider.
SMS and Zalo are not wired yet: there is no provider contract, and a fake sender would only hide
that messages are not delivered."""

from collections.abc import Callable
from typing import Any

from civicdesk.notifications.channels import email

CHANNELS: dict[str, Callable[[Any], None]] = {
    "email": email.send,
}


def sender_for(channel: str) -> Callable[[Any], None]:
    try:
        return CHANNELS[channel]
    except KeyError:
        raise LookupError(f"notification channel {channel!r} is not configured") from None
