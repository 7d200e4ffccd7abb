from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "civicdesk.dashboard"
    label = "dashboard"

    def ready(self) -> None:
        from civicdesk.dashboard import signals  # noqa: F401 — connects the receivers
