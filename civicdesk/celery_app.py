"""Celery, configured from Django settings (CELERY_ namespace).

Without CIVICDESK_BROKER_URL tasks run in-process (task_always_eager), so the embedded
default needs no Redis. With a broker, run `celery -A civicdesk.celery_app worker` and
`celery -A civicdesk.celery_app beat`; tasks are acknowledged late (settings), so a task whose
worker is killed is delivered again.
"""

import os

from celery import Celery
from celery.schedules import crontab

from civicdesk.lib.env import env_int

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civicdesk.settings")

app = Celery("civicdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# How often beat looks for deadlines to escalate, in seconds (CIVICDESK_ESCALATION_INTERVAL_SECONDS);
# scripts/production-smoke shortens it to see an escalation within seconds.
ESCALATION_INTERVAL = env_int("ESCALATION_INTERVAL_SECONDS", 300)

# The periodic schedule is data: task name, interval in seconds, and `expires` so a backlog of
# missed runs (beat running while workers are down) is dropped rather than executed in a burst.
BEAT_SCHEDULE = {
    # Tasks enqueued while the broker was unreachable wait in the outbox table (outbox/enqueue.py).
    "outbox-drain": {
        "task": "civicdesk.outbox.tasks.drain",
        "schedule": 60.0,
        "options": {"expires": 50},
    },
    "escalate-deadlines": {
        "task": "civicdesk.workflow.tasks.escalate_deadlines",
        "schedule": float(ESCALATION_INTERVAL),
        "options": {"expires": ESCALATION_INTERVAL * 0.8},
    },
    # A unit late on a leader's directive gets it again within one working day (issue #19); checked
    # as often as deadlines are.
    "reforward-late-directives": {
        "task": "civicdesk.workflow.tasks.reforward_late_directives",
        "schedule": float(ESCALATION_INTERVAL),
        "options": {"expires": ESCALATION_INTERVAL * 0.8},
    },
    # The city's mailbox (inbound/mail.py); does nothing while CIVICDESK_IMAP_HOST is unset.
    "inbound-fetch-mail": {
        "task": "civicdesk.inbound.tasks.fetch_mail",
        "schedule": float(env_int("IMAP_POLL_SECONDS", 60)),
        "options": {"expires": 50},
    },
    "close-expired-answers": {
        "task": "civicdesk.workflow.tasks.close_expired_answers",
        "schedule": 3600.0,
        "options": {"expires": 3000},
    },
    # Operators' confirmations and corrections become the next category router (02:30 city time,
    # only when that history changed); the web processes pick the new file up by themselves.
    "routing-retrain-router": {
        "task": "civicdesk.routing.tasks.retrain_router",
        "schedule": crontab(hour=2, minute=30),
        "options": {"expires": 6 * 3600},
    },
    # The privacy page promises it: personal data of cases ended more than
    # PERSONAL_DATA_RETENTION_YEARS ago is erased every night (03:15 city time, after the open-data
    # export); a run missed by more than 6 hours is dropped, the next one catches up.
    "petitions-erase-expired-personal-data": {
        "task": "civicdesk.petitions.tasks.erase_expired_personal_data",
        "schedule": crontab(hour=3, minute=15),
        "options": {"expires": 6 * 3600},
    },
    # Zalo reports left halfway: one reminder, then the draft is dropped (civicdesk/zalo/conversation.py).
    "zalo-remind-and-expire": {
        "task": "civicdesk.zalo.tasks.remind_and_expire",
        "schedule": 300.0,
        "options": {"expires": 240},
    },
    "zalo-forget-old-rows": {
        "task": "civicdesk.zalo.tasks.forget_old_rows",
        "schedule": 3600.0,
        "options": {"expires": 3000},
    },
}

from civicdesk.api.schedule import BEAT_SCHEDULE as API_BEAT_SCHEDULE  # noqa: E402

BEAT_SCHEDULE |= API_BEAT_SCHEDULE
app.conf.beat_schedule = BEAT_SCHEDULE
