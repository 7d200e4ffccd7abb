from civicdesk.celery_app import app
from civicdesk.dashboard.models import CaseFact
from civicdesk.workflow.intake import NewCase, submit


def test_without_a_broker_intake_refreshes_the_figures_in_the_request(routing_rule, category):
    case, _ = submit(NewCase(title="Cống nghẹt", content="Cống trước nhà nghẹt rác.", category=category))
    assert CaseFact.objects.filter(case_id=case.pk).exists()


def test_with_a_worker_the_figures_are_refreshed_by_a_task_after_commit(
    settings, routing_rule, category, django_capture_on_commit_callbacks
):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # as when CIVICDESK_BROKER_URL is set
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case, _ = submit(NewCase(title="Cống nghẹt", content="Cống trước nhà nghẹt rác.", category=category))
    assert not CaseFact.objects.filter(case_id=case.pk).exists()
    refreshes = [callback for callback in callbacks if "deferred_refresh" in getattr(callback, "__qualname__", "")]
    assert len(refreshes) == 1  # one task for the case, its files and all its events
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.task_always_eager = True  # run the queued task here, as a worker would
    refreshes[0]()
    fact = CaseFact.objects.get(case_id=case.pk)
    assert fact.category_id == category.pk
