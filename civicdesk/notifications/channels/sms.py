"""The SMS channel: one HTTP call to the city's brandname SMS gateway per message.

Vietnamese brandname providers (eSMS.vn, SpeedSMS, VNPT, Viettel…) all take a POST with the
account's keys, the registered brandname, the number and the text, and answer with a result code
and their message id. The request body is a JSON template with `{name}` placeholders
(`SMS_REQUEST_TEMPLATE`; by default eSMS.vn's SendMultipleMessage_V4_post_json), the answer is read
by field names (`SMS_RESULT_FIELD`, `SMS_ID_FIELD`) and code lists (`SMS_SUCCESS_CODES`…).

Sent once: every request carries the notification's own request id, which the gateway refuses to
take twice (`SMS_DUPLICATE_CODES`). A call that timed out after the gateway took it is retried,
the gateway answers "duplicate", and the row is marked sent without a second message.
Transient failures (timeouts, connection errors, HTTP 5xx and 429, `SMS_RETRY_CODES`) raise
`GatewayUnavailable` (an OSError): the task retries with back-off. Other refusals (wrong key,
unknown brandname, bad number) raise `channels.PermanentFailure`: retrying would not help.

The gateway's delivery report comes back to `CallbackUrl`, a URL signed for this notification
(`notifications/views.py`)."""

import hashlib
import hmac
import json
import re
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from civicdesk.notifications import sms_text
from civicdesk.notifications.channels.errors import PermanentFailure
from civicdesk.notifications.models import NOT_TO_REPORTER
from civicdesk.petitions import reporter_access
from civicdesk.petitions.public import public_title

# eSMS.vn, "Send OTP/Customer care message" (SmsType 2 = customer care, brandname).
ESMS_TEMPLATE = {
    "ApiKey": "{api_key}", "SecretKey": "{secret_key}", "Phone": "{phone}", "Content": "{text}",
    "Brandname": "{brandname}", "SmsType": "{sms_type}", "IsUnicode": "{is_unicode}",
    "RequestId": "{request_id}", "CallbackUrl": "{callback_url}",
}
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class GatewayUnavailable(OSError):
    """The gateway did not take the message this time: try again later."""


def is_configured() -> bool:
    return bool(settings.SMS_URL)


def national_number(phone: str) -> str:
    """'+84 912 345 678', '84912345678', '0912.345.678' → '0912345678'."""
    digits = re.sub(r"\D", "", phone or "")
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits


def render(notification: Any) -> str:
    case = notification.case
    if case is None:
        raise PermanentFailure(f"no SMS text for {notification.event} without a case")
    # The reporter's own link (the full answer, rating, reopening), as in the e-mail; others the
    # public tracking page.
    if notification.to_staff or notification.event in NOT_TO_REPORTER:
        url = settings.SITE_URL.rstrip("/") + case.get_absolute_url()
    else:
        url = reporter_access.secret_link(case)

    def text(title: str) -> str:
        with translation.override("vi"):
            return render_to_string("notifications/sms/body.txt", {
                "case": case, "event": notification.event, "extra": notification.context or {},
                "title": title, "url": url})

    # A status query may come from anyone holding the code: they read the public (masked) title.
    title = public_title(case) if notification.event == "status" else case.title
    return sms_text.fit(text, title, unicode=settings.SMS_UNICODE, max_segments=settings.SMS_MAX_SEGMENTS)


def request_id(notification: Any) -> str:
    return f"{settings.SMS_REQUEST_PREFIX}-{notification.pk}"


def delivery_signature(notification_id: int) -> str:
    key = settings.SMS_WEBHOOK_SECRET.encode()
    return hmac.new(key, f"delivery:{notification_id}".encode(), hashlib.sha256).hexdigest()[:40]


def callback_url(notification: Any) -> str:
    path = reverse("notifications:sms_delivery", args=[notification.pk, delivery_signature(notification.pk)])
    return settings.SITE_URL.rstrip("/") + path


def send(notification: Any) -> None:
    text = render(notification)
    notification.subject = text[:250]
    notification.provider_id = send_text(notification.recipient, text, request_id(notification),
                                         callback_url(notification))


def send_text(phone: str, text: str, request_id: str, callback_url: str = "") -> str:
    """Hands one message to the gateway; returns its message id ('' when it had it already)."""
    values = {
        "api_key": settings.SMS_API_KEY, "secret_key": settings.SMS_SECRET_KEY, "phone": national_number(phone),
        "text": text, "brandname": settings.SMS_BRANDNAME, "sms_type": settings.SMS_TYPE,
        "is_unicode": "1" if settings.SMS_UNICODE else "0", "request_id": request_id, "callback_url": callback_url,
    }
    template = json.loads(settings.SMS_REQUEST_TEMPLATE) if settings.SMS_REQUEST_TEMPLATE else ESMS_TEMPLATE
    body = json.dumps(_fill(template, values), ensure_ascii=False).encode()
    request = urllib.request.Request(settings.SMS_URL, data=body, method="POST", headers={
        "Content-Type": "application/json; charset=utf-8", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=settings.SMS_TIMEOUT) as response:
            raw = response.read(65536)
    except urllib.error.HTTPError as exc:
        if exc.code >= 500 or exc.code == 429:
            raise GatewayUnavailable(f"SMS gateway HTTP {exc.code}") from exc
        raise PermanentFailure(f"SMS gateway HTTP {exc.code}") from exc
    # URLError, TimeoutError, ConnectionError are OSErrors: the task retries them.
    try:
        answer = json.loads(raw)
    except ValueError as exc:
        raise GatewayUnavailable(f"SMS gateway answered no JSON: {raw[:200]!r}") from exc
    code = str(answer.get(settings.SMS_RESULT_FIELD, "")) if isinstance(answer, dict) else ""
    if code in settings.SMS_SUCCESS_CODES:
        return str(answer.get(settings.SMS_ID_FIELD) or "")[:100]
    if code in settings.SMS_DUPLICATE_CODES:
        return ""
    message = f"SMS gateway code {code or '?'}: {str(answer.get('ErrorMessage', ''))[:300]}"
    if code in settings.SMS_RETRY_CODES:
        raise GatewayUnavailable(message)
    raise PermanentFailure(message)


def _fill(template: Any, values: dict[str, str]) -> Any:
    if isinstance(template, dict):
        return {key: _fill(value, values) for key, value in template.items()}
    if isinstance(template, list):
        return [_fill(value, values) for value in template]
    if isinstance(template, str):
        return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)
    return template
