"""One-time codes that prove an address: 6 digits, stored as a keyed hash, valid `LIFETIME`, used
once, dead after `MAX_ATTEMPTS` wrong tries. At most `MAX_PER_HOUR` codes are issued to one
address an hour (so the form cannot flood someone's inbox or phone bill); the pages add a limit per
client address (`lib.ratelimit`, scope `citizen_email`).

Guessing: a code has 10⁶ values and allows 5 tries, and an address gets at most 5 codes an hour —
25 tries an hour, one chance in 40,000 an hour for someone trying to sign in as another.

Sending is not done here (accounts is the lowest layer): the pages hand the code to
`notifications.dispatch.send_code`, which picks the channel (e-mail now; SMS or Zalo once their
modules exist in `notifications/channels/`)."""

import hmac
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac

from civicdesk.accounts.models import AddressKind, OneTimeCode

LIFETIME = timedelta(minutes=10)
MAX_ATTEMPTS = 5
MAX_PER_HOUR = 5
_SALT = "civicdesk.accounts.one_time_codes"


class TooManyCodes(Exception):
    """This address was sent MAX_PER_HOUR codes in the last hour."""


def normalise(kind: str, address: str) -> str:
    """The form an address is stored and compared in: lower-case e-mail; a phone's digits, 0 for +84."""
    address = (address or "").strip()
    if kind == AddressKind.EMAIL:
        return address.lower()
    digits = "".join(c for c in address if c.isdigit())
    return "0" + digits[2:] if digits.startswith("84") and len(digits) > 9 else digits


def _hash(code: str) -> str:
    return salted_hmac(_SALT, code, algorithm="sha256").hexdigest()


def issue(kind: str, address: str, purpose: str, user=None) -> str:  # type: ignore[no-untyped-def]
    """A new code for `address` (earlier unused ones for the same purpose die); raises TooManyCodes."""
    address = normalise(kind, address)
    now = timezone.now()
    with transaction.atomic():
        recent = OneTimeCode.objects.filter(kind=kind, address=address, created_at__gte=now - timedelta(hours=1))
        if recent.count() >= MAX_PER_HOUR:
            raise TooManyCodes
        OneTimeCode.objects.filter(kind=kind, address=address, purpose=purpose, used_at__isnull=True).update(
            expires_at=now)
        code = f"{secrets.randbelow(10**6):06d}"
        OneTimeCode.objects.create(kind=kind, address=address, purpose=purpose, user=user, code_hash=_hash(code),
                                   created_at=now, expires_at=now + LIFETIME)
    return code


def check(kind: str, address: str, purpose: str, code: str, user=None) -> bool:  # type: ignore[no-untyped-def]
    """Whether `code` is the live code of `address` for `purpose` (and `user`); a right code is used
    up, a wrong one counts against the code."""
    address = normalise(kind, address)
    code = "".join(c for c in (code or "") if c.isdigit())
    now = timezone.now()
    with transaction.atomic():
        row = (OneTimeCode.objects.select_for_update()
               .filter(kind=kind, address=address, purpose=purpose, used_at__isnull=True, expires_at__gt=now,
                       attempts__lt=MAX_ATTEMPTS, user=user)
               .order_by("-created_at").first())
        if row is None:
            return False
        if len(code) == 6 and hmac.compare_digest(row.code_hash, _hash(code)):
            row.used_at = now
            row.save(update_fields=["used_at"])
            return True
        row.attempts += 1
        row.save(update_fields=["attempts"])
        return False
