"""Celery, configured from Django settings (CELERY_ namespace).

Without CIVICDESK_BROKER_URL tasks run in-process (task_always_eager), so the embedded
default needs no Redis. With a broker, run `celery -A civicdesk.celery_app worker` and
`celery -A civicdesk.celery_app beat`; tasks are acknowledged late (settings), so a task whose
worker is killed is delivered again.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")

app = Celery("civicdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The periodic schedule is data: task name, interval in seconds, and `expires` so a backlog of
# missed runs (beat running while workers are down) is dropped rather than executed in a burst.
BEAT_SCHEDULE = {
    "escalate-deadlines": {
        "task": "civicdesk.workflow.tasks.escalate_deadlines",
        "schedule": 300.0,
        "options": {"expires": 240},
    },
    "close-expired-answers": {
        "task": "civicdesk.workflow.tasks.close_expired_answers",
        "schedule": 3600.0,
        "options": {"expires": 3000},
    },
}

from civicdesk.api.schedule import BEAT_SCHEDULE as API_BEAT_SCHEDULE  # noqa: E402

BEAT_SCHEDULE |= API_BEAT_SCHEDULE
app.conf.beat_schedule = BEAT_SCHEDULE
