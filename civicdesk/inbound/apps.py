from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboundConfig(AppConfig):
    name = "civicdesk.inbound"
    label = "inbound"
    verbose_name = _("Tin nhắn và thư đến")

    def ready(self) -> None:
        from civicdesk.inbound import retention  # noqa: F401 — erases the senders with the case's personal data
