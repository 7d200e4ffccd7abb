"""Zalo's Official Account API as civicdesk uses it (developers.zalo.me, OA API v3.0, OAuth v4, ZNS):

- consultation message: POST {openapi}/v3.0/oa/message/cs, header `access_token`, JSON
  `{"recipient": {"user_id": …}, "message": {"text": …}}` → `{"error": 0, "data": {"message_id": …}}`;
- ZNS template message: POST {zns}/message/template, header `access_token`, JSON
  `{"phone": "84…", "template_id": …, "template_data": {…}, "tracking_id": …}`;
- token refresh: POST {oauth}/v4/oa/access_token, header `secret_key` (the app's secret), form
  `refresh_token`, `app_id`, `grant_type=refresh_token` → `{"access_token", "refresh_token",
  "expires_in": "90000"}`. The access token lives ~25 hours, the refresh token 3 months and
  **only once**: the new pair replaces the old one in the same transaction that holds the row lock, so
  two workers finding an expired token at once refresh once (the second reads what the first stored);
- images a user sends come as URLs on Zalo's CDN: `download()` reads at most `max_bytes`.

Zalo answers HTTP 200 with `error` ≠ 0 for refusals. Those that mean "try again later" (5xx, network,
timeouts, rate limit) raise `ZaloUnavailable`, an `OSError`, so the notification task retries with
back-off; a refused request raises `ZaloError` with Zalo's code."""

import json
import logging
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from civicdesk.notifications.zalo_account import ZaloAccount

log = logging.getLogger(__name__)

# Zalo's codes for an access token that is invalid or has expired (OA API, ZNS).
TOKEN_INVALID = {-216, -124}
# "User has not followed the OA" / "has not interacted in the past 7 days": consultation is closed.
OUTSIDE_WINDOW = {-213, -230}
# Too many requests (per minute / per day quota): back off and try again.
RATE_LIMITED = {-32, -211}
REFRESH_TOKEN_LIFETIME = timedelta(days=90)
TEXT_LIMIT = 2000


class ZaloError(Exception):
    def __init__(self, code: int, message: str):
        super().__init__(f"Zalo error {code}: {message}")
        self.code = code
        self.message = message


class ZaloUnavailable(OSError):
    """Zalo could not be reached or asked us to come back later."""


class TooLarge(ValueError):
    pass


def _request(method: str, url: str, *, headers: dict[str, str], body: bytes | None = None,
             max_bytes: int = 1_000_000) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=settings.ZALO_TIMEOUT) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise TooLarge(int(declared))
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise TooLarge(len(data))
            return response.status, data
    except urllib.error.HTTPError as exc:
        if exc.code >= 500 or exc.code == 429:
            raise ZaloUnavailable(f"Zalo answered HTTP {exc.code}") from exc
        return exc.code, exc.read(max_bytes)
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:  # refused, reset, timed out
        raise ZaloUnavailable(f"Zalo unreachable: {exc}") from exc


def _json(status: int, data: bytes) -> dict[str, Any]:
    try:
        parsed = json.loads(data or b"{}")
    except ValueError:
        raise ZaloUnavailable(f"Zalo answered HTTP {status} with a body that is not JSON") from None
    if not isinstance(parsed, dict):
        raise ZaloUnavailable(f"Zalo answered HTTP {status} with an unexpected body")
    return parsed


def _with_token(method: str, url: str, payload: dict[str, Any] | None = None) -> Any:
    """Call Zalo with the access token (JSON body when `payload`) and return the answer's `data`; on
    Zalo's "token invalid" refresh once and try again."""
    token = access_token()
    for attempt in (1, 2):
        headers = {"access_token": token}
        body = None
        if payload is not None:
            body = json.dumps(payload, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        status, data = _request(method, url, body=body, headers=headers)
        answer = _json(status, data)
        code = int(answer.get("error", 0) or 0)
        if code == 0 and status < 400:
            return answer.get("data")
        if code in TOKEN_INVALID and attempt == 1:
            token = refresh(stale=token)
            continue
        if code in RATE_LIMITED:
            raise ZaloUnavailable(f"Zalo rate limit ({code}): {answer.get('message', '')}")
        raise ZaloError(code or -status, str(answer.get("message", "")))
    raise AssertionError("unreachable")


def _post_with_token(url: str, payload: dict[str, Any]) -> dict[str, Any]:
    return _with_token("POST", url, payload) or {}


def send_text(user_id: str, text: str) -> str:
    """A consultation message (tin tư vấn) to a user who wrote to the OA within the window; returns
    Zalo's message id. Raises ZaloError with a code in OUTSIDE_WINDOW when the window is closed."""
    data = _post_with_token(f"{settings.ZALO_OPENAPI_URL}/v3.0/oa/message/cs",
                            {"recipient": {"user_id": user_id}, "message": {"text": text[:TEXT_LIMIT]}})
    return str(data.get("message_id", ""))


def recent_messages(user_id: str, count: int = 10) -> list[dict[str, Any]]:
    """The latest messages of the conversation with `user_id`, newest first (OA API v2.0
    `GET /oa/conversation`): dicts with `message_id`, `src` (0: sent by the OA), `time` (epoch ms),
    `message` (the text)."""
    query = urllib.parse.urlencode({"data": json.dumps({"user_id": user_id, "offset": 0, "count": count})})
    rows = _with_token("GET", f"{settings.ZALO_OPENAPI_URL}/v2.0/oa/conversation?{query}") or []
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def send_template(phone: str, template_id: str, template_data: dict[str, str], tracking_id: str) -> str:
    """A ZNS template message to a phone number (84…); returns Zalo's msg_id."""
    data = _post_with_token(f"{settings.ZALO_ZNS_URL}/message/template", {
        "phone": phone, "template_id": template_id, "template_data": template_data, "tracking_id": tracking_id})
    return str(data.get("msg_id", ""))


def download(url: str, max_bytes: int) -> bytes:
    """The bytes of a file a user sent (Zalo's CDN URL). Raises TooLarge over `max_bytes`."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise ZaloError(-1, "not an http(s) URL")
    status, data = _request("GET", url, headers={}, max_bytes=max_bytes)
    if status >= 400:
        raise ZaloError(-status, f"download answered HTTP {status}")
    return data


# --- tokens ------------------------------------------------------------------------------------

def access_token() -> str:
    account = ZaloAccount.load()
    if account.access_token_usable():
        return account.access_token
    return refresh(stale=account.access_token)


def refresh(stale: str) -> str:
    """A fresh access token. Under the row lock: if another worker has already replaced `stale`,
    its token is used; otherwise the refresh token is spent and the new pair stored before the lock
    is released. (The no-op UPDATE takes the lock on SQLite as well as PostgreSQL.)"""
    with transaction.atomic():
        ZaloAccount.load()
        ZaloAccount.objects.filter(pk=1).update(consultation_window_hours=F("consultation_window_hours"))
        account = ZaloAccount.objects.select_for_update().get(pk=1)
        if account.access_token != stale and account.access_token_usable(margin=timedelta(0)):
            return account.access_token
        if not (account.app_id and account.app_secret and account.refresh_token):
            raise ZaloError(-1, "no refresh token: connect the OA again in the admin")
        body = urllib.parse.urlencode({"refresh_token": account.refresh_token, "app_id": account.app_id,
                                       "grant_type": "refresh_token"}).encode()
        status, data = _request("POST", f"{settings.ZALO_OAUTH_URL}/v4/oa/access_token", body=body, headers={
            "secret_key": account.app_secret, "Content-Type": "application/x-www-form-urlencoded"})
        answer = _json(status, data)
        refused = not answer.get("access_token") or not answer.get("refresh_token")
        if not refused:
            return _store_tokens(account, answer)
    # Outside the transaction, so that the note stays: the old refresh token is of no more use.
    error = f"{answer.get('error', status)} {answer.get('error_name', '')}: {answer.get('error_description', '')}"
    ZaloAccount.objects.filter(pk=1).update(last_refresh_error=error[:2000])
    log.error("Zalo refused to refresh the OA access token (%s); connect the OA again", error)
    raise ZaloError(int(answer.get("error", -status) or -status), error)


def _store_tokens(account: ZaloAccount, answer: dict[str, Any]) -> str:
    now = timezone.now()
    account.access_token = str(answer["access_token"])
    account.refresh_token = str(answer["refresh_token"])
    account.access_token_expires_at = now + timedelta(seconds=int(answer.get("expires_in") or 90000))
    account.refresh_token_expires_at = now + REFRESH_TOKEN_LIFETIME
    account.last_refresh_error = ""
    account.save(update_fields=["access_token", "refresh_token", "access_token_expires_at",
                                "refresh_token_expires_at", "last_refresh_error"])
    return account.access_token
