"""The one rate limiter: rates as written in settings, who the client is behind a proxy, fixed-window
counting in the locmem cache of the tests and in a real Redis."""

import uuid

import pytest
from django.core.cache import caches
from django.test import RequestFactory, override_settings

from civicdesk.lib import ratelimit
from civicdesk.lib.env import ConfigError
from civicdesk.lib.ratelimit import Rate, client_ip, count, parse_rate

REDIS_URL = "redis://127.0.0.1:6379/12"


def _request(remote="203.0.113.7", forwarded=None):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@pytest.mark.parametrize(("text", "rate"), [
    ("20/min", Rate(20, 60)), ("600/h", Rate(600, 3600)), ("5/10s", Rate(5, 10)), ("100/day", Rate(100, 86400)),
    ("0", None), ("0/min", None),
])
def test_it_reads_rates_as_written_in_settings(text, rate):
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["20", "abc", "20/fortnight", "-1/min", "5/0s"])
def test_it_refuses_a_bad_rate(text):
    with pytest.raises(ConfigError):
        parse_rate(text)


def test_a_bad_rate_in_the_environment_stops_start_up(monkeypatch):
    monkeypatch.setenv("CIVICDESK_RATE_TRACKING", "lots")
    with pytest.raises(ConfigError, match="CIVICDESK_RATE_TRACKING"):
        ratelimit.env_rate("RATE_TRACKING", "120/min")


def test_the_client_is_remote_addr_and_x_forwarded_for_is_ignored_without_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request("203.0.113.7", forwarded="198.51.100.1")) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_client_is_the_nearest_untrusted_hop(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "127.0.0.1"]
    # The client wrote the first address itself; only what our proxies appended is believed.
    request = _request("127.0.0.1", forwarded="1.2.3.4, 198.51.100.9, 10.1.2.3")
    assert client_ip(request) == "198.51.100.9"


def test_x_forwarded_for_from_an_untrusted_address_is_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_ip(_request("203.0.113.7", forwarded="198.51.100.9")) == "203.0.113.7"


def test_garbage_in_x_forwarded_for_leaves_the_proxy_as_the_client(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    assert client_ip(_request("10.0.0.1", forwarded="not-an-ip")) == "10.0.0.1"


def test_ipv6_clients_are_counted_by_their_64(settings):
    assert client_ip(_request("2001:db8:1:2:aaaa::1")) == client_ip(_request("2001:db8:1:2:bbbb::9")) \
        == "2001:db8:1:2::/64"


def test_the_window_allows_the_limit_then_refuses_with_the_seconds_left():
    key = f"thu:{uuid.uuid4().hex}"
    rate = Rate(3, 60)
    assert all(count(key, rate) for _ in range(3))
    verdict = count(key, rate)
    assert not verdict
    assert 1 <= verdict.retry_after <= 60
    assert count(f"khac:{uuid.uuid4().hex}", rate)


def test_an_amount_counts_as_that_many_requests():
    key = f"thu:{uuid.uuid4().hex}"
    assert count(key, Rate(10, 60), amount=10)
    assert not count(key, Rate(10, 60), amount=1)


def _redis_or_skip():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.exceptions.RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")


def test_counting_in_redis_shares_the_window_and_expires_it():
    _redis_or_skip()
    redis_cache = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    with override_settings(CACHES=redis_cache):
        backend = caches["default"]
        try:
            key = f"thu:{uuid.uuid4().hex}"
            rate = Rate(2, 60)
            assert count(key, rate) and count(key, rate)
            verdict = count(key, rate)
            assert not verdict and 1 <= verdict.retry_after <= 60
            assert ratelimit.already_over(f"{key}-khac", rate)
            assert not ratelimit.already_over(key, rate)
            # The counter carries an expiry just past its window, so Redis forgets old windows.
            stored = [k for k in backend._cache.get_client(None).keys(f"*{key}*")]
            assert len(stored) == 1
            assert 0 < backend._cache.get_client(None).ttl(stored[0]) <= 65
        finally:
            backend.close()
