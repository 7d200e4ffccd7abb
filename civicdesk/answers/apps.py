from django.apps import AppConfig


class AnswersConfig(AppConfig):
    name = "civicdesk.answers"
    label = "answers"
