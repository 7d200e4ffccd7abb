from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True
    name = "civicdesk.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản")

    def ready(self) -> None:
        from civicdesk.accounts import sessions

        sessions.connect()


class LoginLockoutsConfig(AxesAppConfig):
    """django-axes (accounts/throttling.py) under a name the admin shows in Vietnamese."""

    verbose_name = _("Khoá đăng nhập")
