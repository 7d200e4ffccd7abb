"""Staff single sign-on with the city's OpenID Connect provider (mozilla-django-oidc, code flow).

On with CIVICDESK_OIDC_ISSUER (docs/deploy.md "Single sign-on"); local accounts keep working beside
it (the emergency way in). A sign-in is refused — with a message on the login page, never a 500 —
when the ID token's issuer or audience is not ours, when it has expired, or when neither the
token's claims nor the administrator gave the person a staff role.

Role: the claim CIVICDESK_OIDC_ROLE_CLAIM (default "groups"; a string or a list) holds role codes
(operator, officer, lead, supervisor, admin) or the provider's group names mapped to them by
CIVICDESK_OIDC_ROLE_MAP ("cd-officers=officer,cd-leads=lead"); several → the widest. Agency: the
claim CIVICDESK_OIDC_AGENCY_CLAIM (default "civicdesk_agency") holds an agency code. Without such
claims, what an administrator set on the account in the admin (matched by e-mail) stands."""

import logging
import secrets
from typing import Any

import jwt
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from civicdesk.accounts.models import Role, User
from civicdesk.organisation.models import Agency

log = logging.getLogger(__name__)

# Widest first: a person in several groups gets the widest role they are given.
ROLE_PRECEDENCE = [Role.ADMIN, Role.SUPERVISOR, Role.LEAD, Role.OFFICER, Role.OPERATOR]
# Roles that work inside one agency and cannot sign in without one.
AGENCY_ROLES = (Role.OFFICER, Role.LEAD)


class SignInRefused(Exception):
    def __init__(self, reason: str, message: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.message = message


def role_map() -> dict[str, str]:
    mapping = {role.value: role.value for role in ROLE_PRECEDENCE}
    for pair in settings.OIDC_ROLE_MAP:
        group, _sep, role = pair.partition("=")
        if role.strip() in mapping:
            mapping[group.strip()] = role.strip()
    return mapping


def role_from_claims(claims: dict[str, Any]) -> str | None:
    value = claims.get(settings.OIDC_ROLE_CLAIM)
    values = [value] if isinstance(value, str) else list(value or [])
    mapping = role_map()
    given = {mapping[v] for v in values if isinstance(v, str) and v in mapping}
    return next((role.value for role in ROLE_PRECEDENCE if role.value in given), None)


def agency_from_claims(claims: dict[str, Any]) -> Any:
    code = claims.get(settings.OIDC_AGENCY_CLAIM)
    if not isinstance(code, str) or not code:
        return None
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise SignInRefused("unknown agency", _("Đơn vị “%(code)s” trong tài khoản đăng nhập một lần không có "
                                                "trong civicdesk. Hãy liên hệ quản trị hệ thống.") % {"code": code})
    return agency


class StaffOIDCBackend(OIDCAuthenticationBackend):
    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:  # type: ignore[override]
        if not settings.OIDC_ENABLED or request is None or "code" not in request.GET:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except SignInRefused as refused:
            log.warning("single sign-on refused: %s", refused.reason)
            messages.error(request, refused.message)
            return None

    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        try:
            payload = super().verify_token(token, **kwargs)
        except jwt.ExpiredSignatureError:
            raise SignInRefused("expired ID token", _("Phiên đăng nhập một lần đã hết hạn. Vui lòng đăng nhập "
                                                      "lại.")) from None
        except jwt.InvalidTokenError as exc:
            raise SignInRefused(f"invalid ID token: {exc}", _("Không xác thực được thông tin đăng nhập một lần. "
                                                              "Vui lòng thử lại.")) from None
        if payload.get("iss") != settings.OIDC_ISSUER:
            raise SignInRefused(f"issuer {payload.get('iss')!r} is not {settings.OIDC_ISSUER!r}",
                                _("Thông tin đăng nhập không do máy chủ đăng nhập một lần của thành phố cấp."))
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else list(audience or [])
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SignInRefused(f"audience {audience!r}", _("Thông tin đăng nhập không dành cho civicdesk."))
        return payload

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        email = claims.get("email")
        if not email:
            raise SignInRefused("no e-mail claim", _("Tài khoản đăng nhập một lần không có địa chỉ thư điện tử."))
        return User.objects.filter(email__iexact=email)

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("email"))

    def _role_and_agency(self, claims: dict[str, Any], user: User | None) -> tuple[str, Any]:
        role = role_from_claims(claims) or (user.role if user is not None else None)
        if role not in {r.value for r in ROLE_PRECEDENCE}:
            raise SignInRefused("no staff role", _("Tài khoản của bạn chưa được cấp vai trò cán bộ trong civicdesk. "
                                                   "Hãy liên hệ quản trị hệ thống."))
        agency = agency_from_claims(claims) or (user.agency if user is not None else None)
        if role in AGENCY_ROLES and agency is None:
            raise SignInRefused("no agency", _("Tài khoản của bạn chưa được gắn với đơn vị xử lý. "
                                               "Hãy liên hệ quản trị hệ thống."))
        return role, agency

    def create_user(self, claims: dict[str, Any]) -> User:
        role, agency = self._role_and_agency(claims, None)
        base = (claims.get("preferred_username") or claims["email"].split("@")[0])[:140]
        username = base
        while User.objects.filter(username=username).exists():
            username = f"{base}-{secrets.token_hex(2)}"
        user = User(username=username, email=claims["email"], role=role, agency=agency,
                    full_name=(claims.get("name") or "")[:150])
        user.set_unusable_password()  # signs in through the provider only, until an admin sets one
        user.save()
        return user

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        if not user.is_active:
            raise SignInRefused("inactive account", _("Tài khoản này đã bị khóa."))
        user.role, user.agency = self._role_and_agency(claims, user)
        if claims.get("name"):
            user.full_name = claims["name"][:150]
        user.save(update_fields=["role", "agency", "full_name"])
        return user


class SignInStart(OIDCAuthenticationRequestView):
    def get(self, request: HttpRequest) -> HttpResponse:
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().get(request)


class SignInCallback(OIDCAuthenticationCallbackView):
    def get(self, request: HttpRequest) -> HttpResponse:
        if not settings.OIDC_ENABLED:
            raise Http404
        return super().get(request)
