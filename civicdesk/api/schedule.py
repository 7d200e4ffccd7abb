"""Periodic work of the api app, as data for Celery beat. Register it in settings with
`CELERY_BEAT_SCHEDULE = {**CELERY_BEAT_SCHEDULE, **civicdesk.api.schedule.BEAT_SCHEDULE}`."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "api-export-open-data": {
        "task": "civicdesk.api.tasks.export_open_data",
        # 01:30 city time, after the day is over; a run missed by more than 6 hours is dropped.
        "schedule": crontab(hour=1, minute=30),
        "options": {"expires": 6 * 3600},
    },
    "api-retry-webhooks": {
        "task": "civicdesk.api.tasks.retry_due_webhooks",
        "schedule": 300.0,
        "options": {"expires": 280},
    },
}
