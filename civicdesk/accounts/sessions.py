"""How long a sign-in lasts. Staff hold other people's personal data and often share machines in an
office, so their session ends a working day after they signed in (STAFF_SESSION_HOURS, absolute: using
the site does not stretch it). A citizen's account holds only their own cases; it keeps Django's
sliding SESSION_COOKIE_AGE (CITIZEN_SESSION_DAYS)."""

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest
from django.utils import timezone

from civicdesk.accounts.models import STAFF_ROLES


def limit_staff_session(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    if getattr(user, "role", None) in STAFF_ROLES or user.is_staff or user.is_superuser:
        # A datetime is stored as an absolute end (a number of seconds would restart at every save).
        request.session.set_expiry(timezone.now() + timedelta(hours=settings.STAFF_SESSION_HOURS))


def connect() -> None:
    user_logged_in.connect(limit_staff_session, dispatch_uid="civicdesk.accounts.staff_session")
