from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZaloConfig(AppConfig):
    name = "civicdesk.zalo"
    label = "zalo"
    verbose_name = _("Kênh Zalo OA")
