"""Reminders when deadlines come close or pass: the lead of the agency first, then the city's
supervisors. Each (case, threshold, deadline) is claimed by inserting a unique row, so running
the periodic task twice — or in two workers at once — sends each reminder exactly once."""

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from civicdesk.notifications import dispatch
from civicdesk.notifications.models import Event
from civicdesk.petitions import events
from civicdesk.petitions.models import NOT_RECEIVED_STATUSES, OPEN_STATUSES, Case, EventAction
from civicdesk.workflow import sla
from civicdesk.workflow.calendar import WorkingCalendar, get_calendar
from civicdesk.workflow.models import Escalation, WorkflowSettings
from civicdesk.workflow.operations import _leads, supervisors

Threshold = Escalation.Threshold


def due_thresholds(case: Case, now: datetime, calendar: WorkingCalendar, config: WorkflowSettings
                   ) -> list[tuple[str, datetime]]:
    """The thresholds `case` has crossed at `now`, each with the deadline it is about."""
    crossed: list[tuple[str, datetime]] = []
    if case.status in NOT_RECEIVED_STATUSES:
        receive_by = calendar.add_hours(case.created_at, config.receive_hours)
        if receive_by <= now:
            crossed.append((Threshold.NOT_RECEIVED, receive_by))
    if case.due_at is not None and case.status in OPEN_STATUSES:
        if now < case.due_at <= calendar.add_hours(now, config.due_soon_hours):
            crossed.append((Threshold.DUE_SOON, case.due_at))
        if case.due_at <= now:
            crossed.append((Threshold.OVERDUE, case.due_at))
            if calendar.add_hours(case.due_at, config.supervisor_after_hours) <= now:
                crossed.append((Threshold.OVERDUE_SUPERVISOR, case.due_at))
    return crossed


def _claim(case: Case, threshold: str, deadline: datetime) -> bool:
    try:
        with transaction.atomic():
            Escalation.objects.create(case=case, threshold=threshold, deadline=deadline)
    except IntegrityError:
        return False
    return True


def escalate(now: datetime | None = None) -> int:
    """Send the reminders due at `now`; returns how many thresholds were newly crossed."""
    now = now or timezone.now()
    calendar = get_calendar()
    config = WorkflowSettings.load()
    cutoff = calendar.add_hours(now, config.due_soon_hours)
    candidates = Case.objects.open().select_related("agency").filter(
        _due_or_unreceived(cutoff)
    )
    sent = 0
    for case in candidates:
        for threshold, deadline in due_thresholds(case, now, calendar, config):
            if not _claim(case, threshold, deadline):
                continue
            with transaction.atomic():
                to_supervisors = threshold == Threshold.OVERDUE_SUPERVISOR or case.agency_id is None
                people = supervisors() if to_supervisors else _leads(case.agency)
                label = str(Threshold(threshold).label)
                events.record(case, EventAction.ESCALATED, None, label, is_public=False, at=now, data={
                    "threshold": threshold, "deadline": deadline.isoformat(),
                    "to": "supervisor" if to_supervisors else "lead",
                })
                dispatch.notify_staff(case, people, Event.ESCALATED,
                                      dedupe_key=f"{threshold}:{deadline.isoformat()}"[:80],
                                      context={"threshold": threshold, "threshold_label": label})
            sent += 1
    return sent


def _due_or_unreceived(cutoff: datetime):  # type: ignore[no-untyped-def]
    from django.db.models import Q

    return Q(due_at__lte=cutoff) | Q(status__in=NOT_RECEIVED_STATUSES)


__all__ = ["due_thresholds", "escalate", "sla"]
