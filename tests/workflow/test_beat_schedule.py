from celery.schedules import crontab

from civicdesk.celery_app import BEAT_SCHEDULE, app


def _seconds_between_runs(schedule) -> float:
    if isinstance(schedule, crontab):
        # Daily crontabs here: runs a day = chosen hours × chosen minutes.
        return 86400 / (len(schedule.hour) * len(schedule.minute))
    return float(schedule)


def test_every_periodic_task_exists_and_expires_before_its_next_run():
    app.loader.import_default_modules()
    for name, entry in BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name
        assert 0 < entry["options"]["expires"] < _seconds_between_runs(entry["schedule"]), name


def test_the_api_tasks_are_scheduled():
    assert {"api-export-open-data", "api-retry-webhooks"} <= set(app.conf.beat_schedule)


def test_tasks_are_acknowledged_late(settings):
    assert settings.CELERY_TASK_ACKS_LATE
    assert app.tasks["civicdesk.notifications.tasks.send_notification"].acks_late
    assert app.tasks["civicdesk.workflow.tasks.escalate_deadlines"].acks_late
