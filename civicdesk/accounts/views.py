import math
from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from civicdesk.accounts.models import Role

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
