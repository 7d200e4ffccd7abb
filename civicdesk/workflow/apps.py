from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "civicdesk.workflow"
    label = "workflow"
    verbose_name = _("Quy trình xử lý")

    def ready(self) -> None:
        from civicdesk.workflow import following

        following.connect()
