"""Proof of being the reporter of a case — decided here and nowhere else.

A tracking code shows what is public (`petitions.public`); the full case (original texts, the
unmasked answer, contact hints), rating and reopening need one of:

- the reporter's **secret link** (`/tra-cuu/<code>/nguoi-gui/<secret>/`), sent with the receipt and
  every later e-mail to the reporter and shown once after sending on the web; opening it remembers
  the case in the browser's session. REST callers send the secret as `X-Reporter-Token`;
- the **citizen account** that sent the case, signed in.

The secret is an HMAC of the case's code and creation time under SECRET_KEY, so each e-mail can
carry it without it being stored anywhere: the case keeps only its SHA-256
(`Case.reporter_secret_hash`). After a SECRET_KEY rotation links already sent still work (their
hash is stored) and new e-mails carry the new secret."""

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import salted_hmac

from civicdesk.petitions.models import Case

SESSION_KEY = "petitions_reporter_of"
TOKEN_HEADER = "X-Reporter-Token"
_SALT = "civicdesk.petitions.reporter_access"
# A browser remembers the newest cases it proved itself the reporter of, up to this many.
_SESSION_CASES = 50


def secret_for(case: Case) -> str:
    """The reporter's secret of `case` (32 hex digits, 128 bits); needs its code and created_at."""
    # microseconds since the epoch: the same whatever time zone the datetime was read in
    message = f"{case.tracking_code}:{round(case.created_at.timestamp() * 1_000_000)}"
    return salted_hmac(_SALT, message, algorithm="sha256").hexdigest()[:32]


def hash_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def issue(case: Case) -> str:
    """Set the stored hash of the case's secret (before it is saved) and return the secret."""
    secret = secret_for(case)
    case.reporter_secret_hash = hash_of(secret)
    return secret


def secret_link(case: Case, absolute: bool = True) -> str:
    path = reverse("petitions:reporter_link", args=[case.tracking_code, secret_for(case)])
    return settings.SITE_URL.rstrip("/") + path if absolute else path


def secret_matches(case: Case, secret: str) -> bool:
    """Whether `secret` is the case's: the hash stored when it was issued, or today's derivation."""
    secret = (secret or "").strip().lower()
    if not secret or len(secret) > 64:
        return False
    given = hash_of(secret)
    stored = case.reporter_secret_hash
    current = hash_of(secret_for(case))
    return (bool(stored) and hmac.compare_digest(given, stored)) or hmac.compare_digest(given, current)


def remember(request: Any, case: Case) -> None:
    """This browser has proved it is the reporter of `case` (secret link opened, or it sent it)."""
    session = getattr(request, "session", None)
    if session is None:
        return
    known = [pk for pk in session.get(SESSION_KEY, []) if pk != case.pk]
    session[SESSION_KEY] = [*known, case.pk][-_SESSION_CASES:]


def owns(user: Any, case: Case) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "is_active", True)
                and case.user_id is not None and case.user_id == user.pk)


def is_reporter(request: Any, case: Case) -> bool:
    """Proof by signed-in account, by this browser's session, or by the X-Reporter-Token header."""
    if owns(getattr(request, "user", None), case):
        return True
    session = getattr(request, "session", None)
    if session is not None and case.pk in session.get(SESSION_KEY, []):
        return True
    token = request.headers.get(TOKEN_HEADER, "") if hasattr(request, "headers") else ""
    return bool(token) and secret_matches(case, token)
