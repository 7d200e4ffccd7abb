"""Moving a case between states: checks the transition table, writes the event row, and tells
the reporter when the step matters to them (an approved answer reaches every merged reporter)."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from civicdesk.petitions import events
from civicdesk.petitions.models import Case, EventAction
from civicdesk.workflow.states import Status, check_transition


def move(
    case: Case,
    target: str,
    actor: Any = None,
    note: str = "",
    *,
    action: str = EventAction.STATUS_CHANGED,
    is_public: bool = True,
    data: dict | None = None,
    at: Any = None,
) -> Case:
    """Move `case` to `target` or raise IllegalTransition; the case row and its event are saved
    together."""
    check_transition(case.status, target)
    now = at or timezone.now()
    with transaction.atomic():
        previous = case.status
        case.status = target
        update_fields = ["status", "updated_at"]
        if target == Status.ANSWERED:
            case.answered_at = now
            update_fields.append("answered_at")
        if target == Status.CLOSED or target == Status.REJECTED:
            case.closed_at = now
            update_fields.append("closed_at")
        if previous in (Status.CLOSED, Status.REJECTED) and target not in (Status.CLOSED, Status.REJECTED):
            case.closed_at = None
            update_fields.append("closed_at")
        case.save(update_fields=update_fields)
        events.record(
            case, action, actor, note, from_status=previous, to_status=target,
            is_public=is_public, data=data, at=now,
        )
        if target == Status.ANSWERED:
            case_id = case.pk
            transaction.on_commit(lambda: _answered(case_id))
    return case


def _answered(case_id: int) -> None:
    from civicdesk.notifications.dispatch import case_answered

    case_answered(case_id)
