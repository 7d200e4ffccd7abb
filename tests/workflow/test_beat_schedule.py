from civicdesk.celery_app import BEAT_SCHEDULE, app


def test_every_periodic_task_exists_and_expires_before_its_next_run():
    app.loader.import_default_modules()
    for name, entry in BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, name
        assert 0 < entry["options"]["expires"] < entry["schedule"], name


def test_tasks_are_acknowledged_late(settings):
    assert settings.CELERY_TASK_ACKS_LATE
    assert app.tasks["civicdesk.notifications.tasks.send_notification"].acks_late
    assert app.tasks["civicdesk.workflow.tasks.escalate_deadlines"].acks_late
