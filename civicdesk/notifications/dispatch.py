"""What to tell whom when something happens to a case. Each function takes ids and enqueues
a task, so it is called from `transaction.on_commit`."""

from civicdesk.notifications import tasks


def case_received(case_id: int) -> None:
    tasks.notify_reporter.delay(case_id, "received")


def case_answered(case_id: int) -> None:
    tasks.notify_reporter.delay(case_id, "answered")
