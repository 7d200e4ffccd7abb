"""Idempotency keys of API writes, as Stripe has them: a key belongs to its caller — the API key's
client system, the signed-in account, or for anonymous callers the client IP — so one caller can
never be answered with another's case; and a key remembers the body it was first used with, so the
same key with another body is refused (422) rather than silently answered with the first case."""

import hashlib
import json
from typing import Any

from civicdesk.lib import ratelimit


def scoped_key(request: Any, key: str, *, client: Any = None, user: Any = None) -> str:
    """What is stored in `Case.idempotency_key`: 'api:' and a hash of the caller and its key."""
    if client is not None:
        caller = f"client:{client.pk}"
    elif user is not None:
        caller = f"user:{user.pk}"
    else:
        caller = f"ip:{ratelimit.client_ip(request)}"
    return "api:" + hashlib.sha256(f"{caller}\n{key}".encode()).hexdigest()


def fingerprint(body: Any) -> str:
    """SHA-256 of the request as validated (key order and JSON spacing do not matter)."""
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()
