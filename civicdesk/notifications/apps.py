from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "civicdesk.notifications"
    label = "notifications"
