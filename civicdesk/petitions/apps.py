from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "civicdesk.petitions"
    label = "petitions"
    verbose_name = _("Phản ánh, kiến nghị")

    def ready(self) -> None:
        from civicdesk.lib import ratelimit
        from civicdesk.petitions import permissions

        ratelimit.exempt_user = permissions.is_staff
