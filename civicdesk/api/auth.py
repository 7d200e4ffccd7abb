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


def session_user(request: HttpRequest) -> User | None:
    """The account signed in by session cookie, for an API write that acts as it — only with a valid
    CSRF token (X-CSRFToken header, as the site's own pages send): a cookie alone is what any other
    site can make a browser send. None for an anonymous caller."""
    from ninja.utils import check_csrf

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    if check_csrf(request) is not None:
        raise ApiError(403, "csrf_failed", _("Yêu cầu từ phiên đăng nhập cần mã CSRF hợp lệ (tiêu đề X-CSRFToken). "
                                              "Hệ thống khác hãy dùng khóa API."))
    return user  # type: ignore[return-value]


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
