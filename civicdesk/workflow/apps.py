from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "civicdesk.workflow"
    label = "workflow"
