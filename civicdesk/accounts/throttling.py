"""Login throttling with django-axes: a limit on failed passwords per account and another per client
address, for the site's login and the admin's alike (both go through `authenticate(request, …)`).

- An account is locked after `LOGIN_FAILURES_PER_ACCOUNT` wrong passwords within
  `LOGIN_LOCKOUT_MINUTES`, whatever address they came from (guessing one person's password).
- An address is locked after `LOGIN_FAILURES_PER_IP` wrong passwords within the same time, whatever
  accounts they tried (one machine trying many accounts). It is higher than the account limit: a
  city office or a mobile carrier puts many people behind one address.
- While locked, even the right password is refused; the lock lifts `LOGIN_LOCKOUT_MINUTES` after the
  last counted failure (tries during the lock are not counted, so the time told is the truth).
- A successful login forgets the failures of that account from that address only — an attacker who
  owns an account cannot wipe the failures counted against someone else's.

axes keeps one failure limit for all its lockout parameters, so the handler below counts the two
separately and reports the address count scaled to the account limit: ⌊address failures × account
limit ÷ address limit⌋ reaches the account limit exactly when the address count reaches its own.

The client address is the one the rate limiter uses (`lib.ratelimit.client_ip`: X-Forwarded-For is
read only from CIVICDESK_TRUSTED_PROXIES, IPv6 clients counted by their /64)."""

import ipaddress
import math
from datetime import timedelta
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, QuerySet, Sum
from django.http import HttpRequest
from django.utils import timezone

from civicdesk.lib import ratelimit


def client_ip(request: HttpRequest) -> str | None:
    """The rate limiter's client address, as a plain address (an IPv6 /64 by its first address);
    None without one (a request built in code), which axes counts by account only."""
    address = ratelimit.client_ip(request).removesuffix("/64")
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


class AccountAndAddressHandler(AxesDatabaseHandler):
    def _recent(self, request: HttpRequest) -> QuerySet[AccessAttempt]:
        return AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))

    def _matching(self, request: HttpRequest, credentials: dict | None) -> tuple[QuerySet, QuerySet]:
        recent = self._recent(request)
        username = get_client_username(request, credentials)
        by_account = recent.filter(username=username) if username else recent.none()
        return by_account, recent.filter(ip_address=request.axes_ip_address)  # type: ignore[attr-defined]

    def get_failures(self, request: Any, credentials: dict | None = None) -> int:
        by_account, by_address = self._matching(request, credentials)
        account = by_account.aggregate(n=Sum("failures_since_start"))["n"] or 0
        address = by_address.aggregate(n=Sum("failures_since_start"))["n"] or 0
        scaled = address * settings.LOGIN_FAILURES_PER_ACCOUNT // settings.LOGIN_FAILURES_PER_IP
        return max(account, scaled)

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """On a successful login: only this account's failures from this address."""
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address).delete()  # type: ignore[attr-defined]
        return count

    def seconds_locked(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """An upper bound of the time until this request may try again: the newest failure that
        counts against it ages out of the window."""
        by_account, by_address = self._matching(request, credentials)
        newest = [qs.aggregate(t=Max("attempt_time"))["t"] for qs in (by_account, by_address)]
        cool_off = get_cool_off(request) or timedelta(0)
        latest = max((t for t in newest if t is not None), default=None)
        if latest is None:
            return int(cool_off.total_seconds())
        return max(1, math.ceil((latest + cool_off - timezone.now()).total_seconds()))
