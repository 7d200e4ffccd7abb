from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "civicdesk.api"
    label = "api"
    verbose_name = "API, Open311, webhook"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from civicdesk.api import webhooks
        from civicdesk.petitions.models import CaseEvent

        post_save.connect(webhooks.on_case_event, sender=CaseEvent, dispatch_uid="api-webhooks-case-event")
