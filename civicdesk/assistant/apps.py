from django.apps import AppConfig


class AssistantConfig(AppConfig):
    name = "civicdesk.assistant"
    label = "assistant"
