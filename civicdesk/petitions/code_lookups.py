"""One limit for everything that takes a tracking code: the tracking page, the reporter's rating and
reopening, the reporter's secret link, REST `GET /api/v1/cases/{code}` and Open311 requests by id.

A code is ~39 bits, and published codes are public, so the limit is on *misses* (a code that does
not exist, or a failed proof of being the reporter) rather than on lookups alone: every endpoint
counts its misses under the same key, so an attacker cannot spread a guessing run over several
endpoints. Anonymous callers are counted per client IP (`lib.ratelimit`); a client system with an
API key is counted per key as well — a key is no way around the miss limit."""

from typing import Any

from civicdesk.lib import ratelimit

LOOKUP_SCOPE = "tracking"
MISS_SCOPE = "tracking_miss"
# Open311 lets a client ask for several ids in one request (comma list); more than this is refused.
MAX_CODES_PER_REQUEST = 10


def _client_key(client: Any) -> str:
    return f"{MISS_SCOPE}:client:{client.pk}"


def allowed(request: Any, lookups: int = 1, client: Any = None) -> ratelimit.Verdict:
    """Count `lookups` codes about to be looked up; refused when this caller is over the lookup
    limit or has already used up its misses. Client systems count lookups under their key's own
    limit (checked by the caller), so only their misses are looked at here."""
    if client is None:
        verdict = ratelimit.hit(request, LOOKUP_SCOPE, amount=lookups)
        return ratelimit.peek(request, MISS_SCOPE) if verdict else verdict
    rate = ratelimit.rate_for(MISS_SCOPE)
    if rate is None:
        return ratelimit.ALLOWED
    return ratelimit.already_over(_client_key(client), rate)


def missed(request: Any, count: int = 1, client: Any = None) -> None:
    """Record `count` misses (unknown codes, failed proofs) for this caller."""
    if count <= 0:
        return
    if client is None:
        ratelimit.hit(request, MISS_SCOPE, amount=count)
        return
    rate = ratelimit.rate_for(MISS_SCOPE)
    if rate is not None:
        ratelimit.count(_client_key(client), rate, count)
