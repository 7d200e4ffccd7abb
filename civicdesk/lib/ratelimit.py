"""How often one client may call us: fixed-window counters in the Django cache.

One implementation for every limit: API keys (`api.keys.within_rate_limit`) and the anonymous
scopes below, counted per client IP. The cache is Redis in production, so all workers share the
counts; locmem otherwise (then each process counts for itself).

A scope's limit is a setting `RATE_<SCOPE>` such as "20/min" (from CIVICDESK_RATE_<SCOPE>); "0"
turns the scope off. Staff signed in, and client systems with a valid API key (which have their
own limit), are not counted in the anonymous scopes.

The cache being down lets requests through (fail open) with a warning in the log: rate limits
protect the service, and refusing everybody would be the outage they protect against.

Behind a reverse proxy REMOTE_ADDR is the proxy: list it in CIVICDESK_TRUSTED_PROXIES and the
client is read from X-Forwarded-For, walking from the right past trusted proxies — the left part
of that header is whatever the client wrote."""

import ipaddress
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from civicdesk.lib import failsoft_cache
from civicdesk.lib.env import ConfigError, env_str

if TYPE_CHECKING:  # settings import this module: keep django.http out of start-up
    from django.http import HttpRequest

KEY_PREFIX = "civicdesk:ratelimit"
_UNITS = {"s": 1, "sec": 1, "second": 1, "m": 60, "min": 60, "minute": 60, "h": 3600, "hour": 3600,
          "d": 86400, "day": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*(?:/\s*(\d*)\s*([a-z]+)\s*)?$")


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0  # seconds until the window that refused this request ends

    def __bool__(self) -> bool:
        return self.allowed


ALLOWED = Verdict(True)


@lru_cache(maxsize=64)
def parse_rate(text: str) -> Rate | None:
    """"20/min", "600/h", "5/10s", "100/day"; "0" (or "0/min") is None: no limit."""
    match = _RATE.match(text.lower())
    if not match:
        raise ConfigError(f"a rate is written like 20/min, 600/h or 0 (off), not {text!r}")
    count, multiple, unit = int(match[1]), int(match[2] or 1), match[3]
    if count == 0:
        return None
    if unit is None or unit not in _UNITS or multiple == 0:
        raise ConfigError(f"a rate is written like 20/min, 600/h or 0 (off), not {text!r}")
    return Rate(count, multiple * _UNITS[unit])


def env_rate(name: str, default: str) -> str:
    """CIVICDESK_<name>, checked at start-up; kept as text so tests can override it the same way."""
    value = env_str(name, default)
    try:
        parse_rate(value)
    except ConfigError as exc:
        raise ConfigError(f"CIVICDESK_{name}: {exc}") from None
    return value


# --- counting ------------------------------------------------------------------------------------

def count(key: str, rate: Rate, amount: int = 1) -> Verdict:
    """Count `amount` requests (one, or e.g. each code of a list looked up) under `key` in the
    current fixed window of `rate`."""
    now = time.time()
    window = int(now // rate.seconds)
    full_key = f"{_prefix()}:{key}:{window}"
    if failsoft_cache.is_down():
        return ALLOWED
    try:
        total = _incr(full_key, amount, rate.seconds + 5)
    except failsoft_cache.errors() as exc:
        # Fail open: a limiter that cannot count must not refuse every citizen (logged once an outage).
        failsoft_cache.mark_down("rate limit", exc)
        return ALLOWED
    if total <= rate.count:
        return ALLOWED
    return Verdict(False, _seconds_left(now, window, rate))


def already_over(key: str, rate: Rate) -> Verdict:
    """Whether `key` has used up its window, without counting this request."""
    now = time.time()
    window = int(now // rate.seconds)
    # The fail-soft cache answers None when Redis is down: nothing counted, so allowed.
    if (caches["default"].get(f"{_prefix()}:{key}:{window}") or 0) < rate.count:
        return ALLOWED
    return Verdict(False, _seconds_left(now, window, rate))


def _seconds_left(now: float, window: int, rate: Rate) -> int:
    return max(1, int((window + 1) * rate.seconds - now + 0.999))


def _prefix() -> str:
    # Tests give each test its own prefix rather than flushing a Redis other workers share.
    return getattr(settings, "RATE_LIMIT_KEY_PREFIX", KEY_PREFIX)


def _incr(key: str, amount: int, timeout: int) -> int:
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        # One round trip: create the counter with its expiry if missing, then increment it.
        # (Django's own incr costs two, EXISTS then INCR, and add() a third.)
        redis_key = backend.make_and_validate_key(key)
        # `_cache` (Django's RedisCacheClient) is private, so django-stubs leaves it out.
        client: RedisCacheClient = backend._cache  # type: ignore[attr-defined]
        pipe = client.get_client(redis_key, write=True).pipeline(transaction=False)
        pipe.set(redis_key, 0, ex=timeout, nx=True)
        pipe.incr(redis_key, amount)
        return int(pipe.execute()[1])
    try:
        return backend.incr(key, amount)
    except ValueError:  # first request of the window, or expired since
        if backend.add(key, amount, timeout=timeout):
            return amount
        return backend.incr(key, amount)


# --- who is calling ------------------------------------------------------------------------------

def client_ip(request: "HttpRequest") -> str:
    """REMOTE_ADDR, or the nearest address in X-Forwarded-For that is not a trusted proxy when the
    request came through one. IPv6 clients are counted by their /64 (what one subscriber gets)."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = _trusted_proxies(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    address = remote
    if proxies and _is_trusted(remote, proxies):
        for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
            hop = hop.strip()
            try:
                ipaddress.ip_address(hop)
            except ValueError:
                break  # garbage (or an obfuscated hop): the last good address stands
            address = hop
            if not _is_trusted(hop, proxies):
                break
    if ":" in address:
        try:
            return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address) + "/64"
        except ValueError:
            return address
    return address


@lru_cache(maxsize=8)
def _trusted_proxies(entries: tuple[str, ...]) -> tuple:  # type: ignore[type-arg]
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _is_trusted(address: str, proxies: tuple) -> bool:  # type: ignore[type-arg]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


# Who is not limited by the anonymous scopes: staff signed in. `lib` knows no roles; the petitions
# app sets this to `permissions.is_staff` when it starts (PetitionsConfig.ready).
def _nobody(user: Any) -> bool:
    return False


exempt_user: Callable[[Any], bool] = _nobody


def is_exempt(request: "HttpRequest") -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and exempt_user(user))


def rate_for(scope: str) -> Rate | None:
    return parse_rate(str(getattr(settings, f"RATE_{scope.upper()}", "0")))


def hit(request: "HttpRequest", scope: str, amount: int = 1) -> Verdict:
    """Count this request in `scope` for its client; not allowed once over the scope's limit."""
    rate = rate_for(scope)
    if rate is None or amount <= 0 or is_exempt(request):
        return ALLOWED
    return count(f"{scope}:{client_ip(request)}", rate, amount)


def peek(request: "HttpRequest", scope: str) -> Verdict:
    """Whether this client has already used up `scope` (e.g. failed lookups), without counting."""
    rate = rate_for(scope)
    if rate is None or is_exempt(request):
        return ALLOWED
    return already_over(f"{scope}:{client_ip(request)}", rate)
