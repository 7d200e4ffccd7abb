"""Moving a case between states: checks the transition table, writes the event row, and tells
the reporter when the step matters to them (an approved answer reaches every merged reporter)."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from civicdesk.notifications import dispatch
from civicdesk.petitions import events
from civicdesk.petitions.models import Case, EventAction, Status
from civicdesk.workflow.calendar import workflow_settings
from civicdesk.workflow.states import check_transition


def apply(case: Case, target: str, at: datetime) -> tuple[str, list[str]]:
    """Move the case object (not the row) to `target` or raise IllegalTransition: the status and
    the times that go with it. Returns the previous status and the fields changed. `move` saves
    them; the demo's generator (`demo/generator.py`, a fast path that writes in bulk) calls this
    too, so the demo city follows the same rules."""
    check_transition(case.status, target)
    previous = case.status
    case.status = target
    fields = ["status"]
    if target == Status.ANSWERED:
        case.answered_at = at
        fields.append("answered_at")
    if target == Status.CLOSED or target == Status.REJECTED:
        case.closed_at = at
        fields.append("closed_at")
    if previous in (Status.CLOSED, Status.REJECTED) and target not in (Status.CLOSED, Status.REJECTED):
        case.closed_at = None
        fields.append("closed_at")
    return previous, fields


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
    also_saved: tuple[str, ...] = (),
) -> Case:
    """Move `case` to `target` or raise IllegalTransition; the case row and its event are saved
    together. Callers hold the case's row lock (`Case.lock`), inside their own transaction: no
    savepoint here. `also_saved`: fields the caller changed on the case, written in the same UPDATE."""
    now = at or timezone.now()
    previous, fields = apply(case, target, now)  # a refusal raises here, before any write
    with transaction.atomic(savepoint=False):
        case.save(update_fields=[*fields, *also_saved, "updated_at"])
        events.record(
            case, action, actor, note, from_status=previous, to_status=target,
            is_public=is_public, data=data, at=now,
        )
        if target == Status.ANSWERED:
            case_id = case.pk
            transaction.on_commit(lambda: _answered(case_id))
    return case


def _answered(case_id: int) -> None:
    dispatch.case_answered(case_id, reopen_days=workflow_settings().reopen_days)
