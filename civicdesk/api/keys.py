"""Authenticating client systems by API key and limiting how often each may call us.

The limit is a fixed one-minute window counted in the Django cache (Redis in production, so all
workers share the count)."""

import time
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from civicdesk.api.models import ApiClient, StaffApiToken

WINDOW_SECONDS = 60


def client_for_key(raw: str | None) -> ApiClient | None:
    if not raw:
        return None
    client = ApiClient.objects.authenticate(raw.strip())
    if client is not None:
        _touch(client)
    return client


def staff_token_for_key(raw: str | None) -> StaffApiToken | None:
    if not raw:
        return None
    token = StaffApiToken.objects.select_related("user").filter().authenticate(raw.strip())
    if token is None or not token.user.is_active:
        return None
    _touch(token)
    return token


def _touch(row: ApiClient | StaffApiToken) -> None:
    # One write a minute at most, not one per request.
    now = timezone.now()
    if row.last_used_at is None or now - row.last_used_at > timedelta(minutes=1):
        type(row).objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now


def within_rate_limit(client: ApiClient) -> bool:
    """Count this request against the client's window; False when the limit is exceeded."""
    window = int(time.time() // WINDOW_SECONDS)
    key = f"civicdesk:ratelimit:{client.prefix}:{window}"  # prefix: random, never reused
    cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=WINDOW_SECONDS + 5)
        count = 1
    return count <= client.rate_limit
