from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running civicdesk in production: health check, metrics, request ids in logs, backups."""

    name = "civicdesk.ops"
    label = "ops"

    def ready(self) -> None:
        from civicdesk.ops import errortracking, requestid

        requestid.connect_celery_signals()
        errortracking.start()
