import math
from typing import Any, cast

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from civicdesk.accounts import one_time_codes
from civicdesk.accounts.forms import AddressForm, CodeForm, EraseForm, PreferencesForm
from civicdesk.accounts.models import (
    AddressKind,
    CitizenPreferences,
    OneTimeCode,
    Role,
    User,
    VerifiedAddress,
)
from civicdesk.lib import ratelimit
from civicdesk.lib.redirects import next_url
from civicdesk.notifications import dispatch
from civicdesk.petitions import claims, personal_data

# Where each role starts its day; a missing page falls back to the public home.
ROLE_HOME: dict[str, str] = {
    Role.OPERATOR: "workflow:console",
    Role.OFFICER: "answers:inbox",
    Role.LEAD: "answers:inbox",
    Role.SUPERVISOR: "dashboard:overview",
    Role.ADMIN: "admin:index",
    Role.CITIZEN: "petitions:my_cases",
}


# What the login page offers besides the form: the demo app adds its accounts to try
# (`demo_users`, `demo_password`) when it starts (DemoConfig.ready) — accounts knows nothing of it.
LOGIN_PAGE_EXTRAS: dict[str, Any] = {}


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"

    def get_context_data(self, **kwargs):  # type: ignore[no-untyped-def]
        return {**super().get_context_data(**kwargs), **LOGIN_PAGE_EXTRAS, "sso_enabled": settings.OIDC_ENABLED}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    role = "admin" if request.user.is_superuser else request.user.role  # type: ignore[union-attr]
    try:
        return redirect(reverse(ROLE_HOME.get(role, "petitions:home")))
    except NoReverseMatch:
        return redirect("petitions:home")


def locked_out(request: HttpRequest, original_response: HttpResponse | None = None,
               credentials: dict | None = None) -> HttpResponse:
    """What a login attempt gets while its account or address is locked (AXES_LOCKOUT_CALLABLE):
    the site's and the admin's login alike, 429 with the time to wait."""
    seconds = AxesProxyHandler.get_implementation().seconds_locked(request, credentials)  # type: ignore[attr-defined]
    response = render(request, "accounts/locked_out.html", {"minutes": max(1, math.ceil(seconds / 60))},
                      status=429)
    response["Retry-After"] = str(seconds)
    return response


# --- citizens: sign in with a one-time code, proved addresses, preferences, their data -------------

CODE_SESSION_KEY = "accounts_code_for"


def _phone_allowed() -> bool:
    return "phone" in dispatch.code_channels()


def _send_code(request: HttpRequest, kind: str, address: str, purpose: str, user: Any = None) -> str:
    """Issue and send a code; "" when sent, else the error to show."""
    verdict = ratelimit.hit(request, "citizen_email")
    if not verdict:
        return _("Đã gửi quá nhiều mã từ mạng của Quý ông/bà. Vui lòng thử lại sau khoảng %(minutes)s phút.") % {
            "minutes": max(1, math.ceil(verdict.retry_after / 60))}
    try:
        code = one_time_codes.issue(kind, address, purpose, user=user)
    except one_time_codes.TooManyCodes:
        return _("Địa chỉ này đã nhận nhiều mã trong một giờ qua. Vui lòng dùng mã mới nhất hoặc thử lại sau.")
    dispatch.send_code(kind, one_time_codes.normalise(kind, address), code,
                       minutes=int(one_time_codes.LIFETIME.total_seconds() // 60))
    request.session[CODE_SESSION_KEY] = {"kind": kind, "address": address, "purpose": purpose,
                                         "next": next_url(request, "")}
    return ""


def code_sign_in(request: HttpRequest) -> HttpResponse:
    """Step 1: the address to send a sign-in code to (an account is made on first sign-in)."""
    form = AddressForm(request.POST if request.method == "POST" else None, phone_allowed=_phone_allowed())
    error = ""
    if request.method == "POST" and form.is_valid():
        kind, address = form.cleaned_data["address"]
        if _staff_with(kind, address):
            error = _("Tài khoản cán bộ đăng nhập bằng mật khẩu hoặc đăng nhập một lần (SSO).")
        else:
            error = _send_code(request, kind, address, OneTimeCode.Purpose.SIGN_IN)
            if not error:
                return redirect("accounts:code_enter")
    return render(request, "accounts/code_sign_in.html", {"form": form, "error": error,
                                                           "next": request.GET.get("next", "")},
                  status=429 if error and "quá nhiều" in error else 200)


def _staff_with(kind: str, address: str) -> bool:
    address = one_time_codes.normalise(kind, address)
    users = User.objects.filter(email__iexact=address) if kind == AddressKind.EMAIL else User.objects.filter(
        phone=address)
    return users.exclude(role=Role.CITIZEN, is_staff=False, is_superuser=False).exists()


def code_enter(request: HttpRequest) -> HttpResponse:
    """Step 2: the code. Signing in proves the address: the cases sent from it become the account's."""
    pending = request.session.get(CODE_SESSION_KEY)
    if not pending:
        return redirect("accounts:code_sign_in")
    kind, address, purpose = pending["kind"], pending["address"], pending["purpose"]
    claiming = purpose == OneTimeCode.Purpose.CLAIM
    if claiming and not request.user.is_authenticated:
        return redirect("accounts:code_sign_in")
    form = CodeForm(request.POST if request.method == "POST" else None)
    error = ""
    if request.method == "POST" and form.is_valid():
        owner = request.user if claiming else None
        if one_time_codes.check(kind, address, purpose, form.cleaned_data["code"], user=owner):
            del request.session[CODE_SESSION_KEY]
            user = cast(User, request.user) if claiming else _citizen_for(kind, address)
            if not claiming:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            _prove(user, kind, address)
            found = claims.claim(user)
            if found:
                messages.success(request, ngettext("%(n)s phản ánh gửi từ %(address)s đã vào “Phản ánh của tôi”.",
                                                   "%(n)s phản ánh gửi từ %(address)s đã vào “Phản ánh của tôi”.",
                                                   found) % {"n": found, "address": address})
            return redirect(pending.get("next") or ("accounts:settings" if claiming else "petitions:my_cases"))
        error = _("Mã không đúng hoặc đã hết hạn. Sau 5 lần sai, mã không dùng được nữa: hãy xin mã mới.")
    return render(request, "accounts/code_enter.html", {"form": form, "error": error, "address": address,
                                                         "claiming": claiming})


def _citizen_for(kind: str, address: str) -> User:
    address = one_time_codes.normalise(kind, address)
    proved = VerifiedAddress.objects.filter(kind=kind, address=address).select_related("user").first()
    if proved is not None and proved.user.is_active:
        return proved.user
    if kind == AddressKind.EMAIL:
        found = User.objects.filter(email__iexact=address, role=Role.CITIZEN, is_active=True).order_by("pk").first()
        if found is not None:
            return found
    username = address if not User.objects.filter(username=address).exists() else f"{address}-{User.objects.count()}"
    user = User(username=username[:150], role=Role.CITIZEN, email=address if kind == AddressKind.EMAIL else "",
                phone=address if kind == AddressKind.PHONE else "")
    user.set_unusable_password()
    user.save()
    return user


def _prove(user: User, kind: str, address: str) -> None:
    address = one_time_codes.normalise(kind, address)
    VerifiedAddress.objects.filter(kind=kind, address=address).exclude(user=user).delete()
    VerifiedAddress.objects.update_or_create(user=user, kind=kind, address=address,
                                             defaults={"verified_at": timezone.now()})


def _citizen_only(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.user.role != Role.CITIZEN or request.user.is_staff:  # type: ignore[union-attr]
        return render(request, "accounts/citizen_only.html", status=403)
    return None


def account_settings(request: HttpRequest) -> HttpResponse:
    """The citizen's account: proved addresses (and proving another), preferences, password, data."""
    refused = _citizen_only(request)
    if refused:
        return refused
    user = cast(User, request.user)
    preferences = CitizenPreferences.of(user)
    pref_form = PreferencesForm(initial={"case_steps": preferences.case_steps,
                                         "followed_steps": preferences.followed_steps})
    address_form = AddressForm(phone_allowed=_phone_allowed())
    password_form = SetPasswordForm(user)
    error = ""
    if request.method == "POST":
        what = request.POST.get("form")
        if what == "preferences":
            pref_form = PreferencesForm(request.POST)
            if pref_form.is_valid():
                preferences.case_steps = pref_form.cleaned_data["case_steps"]
                preferences.followed_steps = pref_form.cleaned_data["followed_steps"]
                preferences.save()
                messages.success(request, _("Đã lưu tùy chọn thông báo."))
                return redirect("accounts:settings")
        elif what == "address":
            address_form = AddressForm(request.POST, phone_allowed=_phone_allowed())
            if address_form.is_valid():
                kind, address = address_form.cleaned_data["address"]
                error = _send_code(request, kind, address, OneTimeCode.Purpose.CLAIM, user=user)
                if not error:
                    return redirect("accounts:code_enter")
        elif what == "password":
            password_form = SetPasswordForm(user, request.POST)
            if password_form.is_valid():
                password_form.save()
                update_session_auth_hash(request, user)
                messages.success(request, _("Đã đặt mật khẩu. Lần sau có thể đăng nhập bằng %(username)s và mật khẩu.")
                                 % {"username": user.username})
                return redirect("accounts:settings")
    return render(request, "accounts/settings.html", {
        "pref_form": pref_form, "address_form": address_form, "password_form": password_form, "error": error,
        "addresses": VerifiedAddress.objects.filter(user=user).order_by("verified_at"),
        "case_count": claims.cases_of(user).count(),
    })


def export_data(request: HttpRequest) -> HttpResponse:
    refused = _citizen_only(request)
    if refused:
        return refused
    response = HttpResponse(personal_data.export(request.user), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="du-lieu-cua-toi.zip"'
    response["Cache-Control"] = "private, no-store"
    return response


def erase_data(request: HttpRequest) -> HttpResponse:
    refused = _citizen_only(request)
    if refused:
        return refused
    form = EraseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        erasure = personal_data.request_erasure(request.user)
        logout(request)
        return render(request, "accounts/erased.html", {"erasure": erasure})
    return render(request, "accounts/erase.html", {"form": form, "due_hours": int(
        personal_data.ERASURE_DUE.total_seconds() // 3600)})
