from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    name = "civicdesk.demo"
    label = "demo"
    verbose_name = _("Trình diễn")

    def ready(self) -> None:
        from civicdesk.accounts.views import LOGIN_PAGE_EXTRAS
        from civicdesk.demo.users import DEMO_PASSWORD, DEMO_USERS

        LOGIN_PAGE_EXTRAS.update(demo_users=DEMO_USERS, demo_password=DEMO_PASSWORD)
