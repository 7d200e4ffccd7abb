"""gunicorn config for the diagnostic run of bench/intake/run.py: the same app with the dashboard's
post_save handlers on Case and CaseEvent disconnected, to show what they cost on intake."""


def post_worker_init(worker):  # type: ignore[no-untyped-def]
    from django.db.models.signals import post_save

    from civicdesk.petitions.models import Case, CaseEvent

    post_save.disconnect(sender=Case, dispatch_uid="dashboard_case_saved")
    post_save.disconnect(sender=CaseEvent, dispatch_uid="dashboard_event_saved")
