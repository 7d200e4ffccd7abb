"""Celery, configured from Django settings (CELERY_ namespace).

Without CIVICDESK_BROKER_URL tasks run in-process (task_always_eager), so the embedded
default needs no Redis.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")

app = Celery("civicdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
