"""civicdesk: receive, route, answer and monitor what people send to their city."""

from civicdesk.celery_app import app as celery_app

__all__ = ["celery_app"]
