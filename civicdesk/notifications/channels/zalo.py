"""The Zalo channel: a message to the reporter's Zalo account through the city's Official Account.

Inside the consultation window (the user wrote to the OA within `consultation_window_hours`) the
text goes as a consultation message; outside it — or when Zalo says the window is closed — as the ZNS
template the administrator configured for the event, to the phone number the reporter gave. The
recipient is the OA-scoped Zalo user id (`Case.reporter_zalo_id`). Transient failures (network,
timeout, HTTP 5xx, rate limit) raise `zalo_api.ZaloUnavailable`, an OSError: the task retries.

Retrying without sending twice. Zalo's consultation API takes no idempotency key, and a timeout
may come after Zalo delivered the message (it took the request, its answer was late). So before
each consultation send the time of the attempt is written to the notification row
(`context["zalo_attempted_at"]`), and a retry of a row that has one first reads the latest
messages of the conversation (`zalo_api.recent_messages`): the same text sent by the OA since that
attempt means it was delivered — the row is marked sent with that message id, nothing is sent
again. Only if it is not there is the message sent. (Not chosen: giving up on a read timeout — a
request Zalo never handled would then be lost.) ZNS messages carry our `tracking_id`; Zalo offers
no lookup by it, so a ZNS retry after a timeout is not checked (docs/architecture.md, "Add a channel")."""

import re
import time
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import Truncator

from civicdesk.notifications import zalo_api
from civicdesk.notifications.channels.errors import PermanentFailure
from civicdesk.notifications.zalo_account import ZaloAccount, within_consultation_window
from civicdesk.petitions import reporter_access

# Room left in a 2000-character message for the answer after the lines around it.
ANSWER_LIMIT = 1500
ZNS_TEXT_LIMIT = 400


def is_configured() -> bool:
    account = ZaloAccount.load()
    return account.enabled and bool(account.app_id) and bool(account.access_token or account.refresh_token)


def render(notification: Any) -> str:
    case = notification.case
    extra = notification.context or {}
    with translation.override("vi"):
        text = render_to_string("notifications/zalo/message.txt", {
            "case": case, "event": notification.event, "extra": extra,
            "answer": Truncator(extra.get("answer", "")).chars(ANSWER_LIMIT),
            "reporter_url": reporter_access.secret_link(case),
        })
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def send(notification: Any) -> None:
    try:
        _send(notification)
    except zalo_api.ZaloError as exc:
        raise PermanentFailure(str(exc)) from exc


def _send(notification: Any) -> None:
    account = ZaloAccount.load()
    if not account.enabled:
        raise zalo_api.ZaloUnavailable("the Zalo channel is turned off in the admin")
    text = render(notification)
    notification.subject = text.splitlines()[0][:250]
    user_id = notification.recipient
    if within_consultation_window(user_id, account):
        delivered = _delivered_before(notification, user_id, text)
        if delivered is not None:
            notification.provider_id = delivered[:100]
            return
        _record_attempt(notification)
        try:
            notification.provider_id = zalo_api.send_text(user_id, text)[:100]
            return
        except zalo_api.ZaloError as exc:
            if exc.code not in zalo_api.OUTSIDE_WINDOW:
                raise
    _send_template(notification, account, text)


# Zalo's clock and ours may differ a little: a message up to this much older than our attempt counts.
CLOCK_SLACK_SECONDS = 120


def _record_attempt(notification: Any) -> None:
    """Written before the request goes out, so a retry knows an earlier try may have reached Zalo."""
    from civicdesk.notifications.models import Notification

    context = dict(notification.context or {})
    if "zalo_attempted_at" in context:
        return
    context["zalo_attempted_at"] = time.time()
    Notification.objects.filter(pk=notification.pk).update(context=context)
    notification.context = context


def _delivered_before(notification: Any, user_id: str, text: str) -> str | None:
    """The message id of this text sent to `user_id` by an earlier attempt of this row, if Zalo has it."""
    attempted_at = (notification.context or {}).get("zalo_attempted_at")
    if attempted_at is None:
        return None
    since_ms = (float(attempted_at) - CLOCK_SLACK_SECONDS) * 1000
    wanted = text[:zalo_api.TEXT_LIMIT]
    for row in zalo_api.recent_messages(user_id):
        if str(row.get("src")) == "0" and row.get("message") == wanted and float(row.get("time") or 0) >= since_ms:
            return str(row.get("message_id", ""))
    return None


def zns_phone(phone: str) -> str:
    """A Vietnamese number as ZNS takes it: 84 and the subscriber number, digits only."""
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("0"):
        digits = "84" + digits[1:]
    return digits if re.fullmatch(r"84\d{9,10}", digits) else ""


def _send_template(notification: Any, account: ZaloAccount, text: str) -> None:
    case = notification.case
    template = account.template_for(notification.event)
    phone = zns_phone(case.reporter_phone)
    if not template or not phone:
        raise zalo_api.ZaloError(-230, "outside the consultation window and no ZNS template or phone number")
    with translation.override("vi"):
        status = str(case.get_status_display())
    notification.provider_id = zalo_api.send_template(phone, template, {
        "ma_ho_so": case.tracking_code,
        "tieu_de": Truncator(case.title).chars(100),
        "trang_thai": status,
        "noi_dung": Truncator(" ".join(text.split("\n")[1:-1]) or text).chars(ZNS_TEXT_LIMIT),
        "duong_dan": reporter_access.secret_link(case),
    }, tracking_id=f"civicdesk-{notification.pk}")[:100]
