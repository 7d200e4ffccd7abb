"""Delivery channels: one module per channel, registered in `CHANNELS`. Each module has

- `send(notification) -> None`: delivers one `Notification`; raises `OSError` (or a subclass, e.g.
  smtplib.SMTPException, TimeoutError, ConnectionError) on a transient failure so the task retries
  with back-off, and `PermanentFailure` (channels/errors.py) when the provider
  refused it for good (recorded, not retried; a reporter's message then goes on the next channel of
  their reply order, `dispatch.fall_back`, as after the last retry); sets `notification.subject` (and may set
  `notification.provider_id`, the provider's message id) for the row;
- `is_configured() -> bool`: whether the city connected it (settings or the admin). A channel that
  is not configured is skipped when choosing where a reporter hears back (`dispatch.reply_route`).

Adding a channel:
1. add `civicdesk/notifications/channels/<name>.py` with `send` and `is_configured`; read the
   provider's endpoint and key from `CIVICDESK_<NAME>_*` settings (or an admin-edited row), off by
   default;
2. add it to `CHANNELS` below and to `models.Channel`;
3. give `dispatch.REPLY_ORDER` its place and `dispatch.address_for` the case field holding the
   reporter's address on it;
4. write `tests/notifications/test_<name>.py` against a real local stand-in of the provider
   (a loopback server speaking its documented protocol)."""

from collections.abc import Callable
from types import ModuleType
from typing import Any

from civicdesk.notifications.channels import email, sms, zalo
from civicdesk.notifications.channels.errors import PermanentFailure

CHANNELS: dict[str, ModuleType] = {
    "email": email,
    "sms": sms,
    "zalo": zalo,
}
__all__ = ["CHANNELS", "PermanentFailure", "is_configured", "sender_for"]


def sender_for(channel: str) -> Callable[[Any], None]:
    try:
        return CHANNELS[channel].send  # type: ignore[no-any-return]
    except KeyError:
        raise LookupError(f"notification channel {channel!r} is not configured") from None


def is_configured(channel: str) -> bool:
    module = CHANNELS.get(channel)
    return module is not None and bool(module.is_configured())
