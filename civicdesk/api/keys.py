"""Authenticating client systems by API key and limiting how often each may call us.

The limit is a fixed one-minute window counted by `civicdesk.lib.ratelimit` (in the shared cache:
Redis in production, so all workers share the count)."""

from datetime import timedelta

from django.utils import timezone

from civicdesk.api.models import ApiClient, StaffApiToken
from civicdesk.lib import ratelimit

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


def within_rate_limit(client: ApiClient) -> ratelimit.Verdict:
    """Count this request against the client's window; falsy (with retry_after) over the limit."""
    # prefix: random, never reused
    return ratelimit.count(f"key:{client.prefix}", ratelimit.Rate(client.rate_limit, WINDOW_SECONDS))
