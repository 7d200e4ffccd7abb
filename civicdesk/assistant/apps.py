from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "civicdesk.assistant"
    label = "assistant"
    verbose_name = "Trợ lý ảo"

    def ready(self) -> None:
        from civicdesk.assistant import signals  # noqa: F401
