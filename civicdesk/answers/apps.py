from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnswersConfig(AppConfig):
    name = "civicdesk.answers"
    label = "answers"
    verbose_name = _("Trả lời")

    def ready(self) -> None:
        from civicdesk.answers import retention  # noqa: F401 — connects its part of the erasure of personal data
