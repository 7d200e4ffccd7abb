from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "civicdesk.dashboard"
    label = "dashboard"
