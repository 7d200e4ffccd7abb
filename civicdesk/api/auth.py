"""Who is calling: staff by bearer token; client systems by X-Api-Key (optional on public endpoints)."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from civicdesk.accounts.models import User
from civicdesk.api.errors import ApiError
from civicdesk.api.keys import client_for_key, staff_token_for_key, within_rate_limit
from civicdesk.api.models import ApiClient


class StaffRequest(HttpRequest):
    """The request of an endpoint behind `StaffToken`: django-ninja sets `auth` to what
    `authenticate()` returned. For annotations only."""

    auth: User


class StaffToken(HttpBearer):
    """`Authorization: Bearer <token>` from `civicdesk create-staff-token USERNAME`."""

    def authenticate(self, request: HttpRequest, token: str):  # type: ignore[no-untyped-def]
        row = staff_token_for_key(token)
        if row is None:
            return None
        request.user = row.user
        return row.user


def calling_client(request: HttpRequest) -> ApiClient | None:
    """The client system named by X-Api-Key, rate-limited; None without the header."""
    raw = request.headers.get("X-Api-Key")
    if not raw:
        return None
    client = client_for_key(raw)
    if client is None:
        raise ApiError(401, "invalid_api_key", _("Khóa API không hợp lệ hoặc đã bị thu hồi."))
    verdict = within_rate_limit(client)
    if not verdict:
        raise ApiError.rate_limited(verdict.retry_after)
    return client
