from django.apps import AppConfig


class AnswersConfig(AppConfig):
    name = "civicdesk.answers"
    label = "answers"

    def ready(self) -> None:
        # Admin pages for the models added with the agency workspace (admin.py belongs to the skeleton).
        from civicdesk.answers import admin_templates  # noqa: F401
