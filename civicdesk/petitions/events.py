"""Writing event rows: every change to a case goes through `record` (one event) or `record_all`
(several events of one change, in one INSERT)."""

from typing import Any

from django.db import router
from django.db.models.signals import post_save
from django.utils import timezone

from civicdesk.petitions.models import Case, CaseEvent


def new_event(
    case: Case,
    action: str,
    actor: Any = None,
    note: str = "",
    *,
    from_status: str = "",
    to_status: str = "",
    is_public: bool = True,
    data: dict | None = None,
    at: Any = None,
) -> CaseEvent:
    """An unsaved event row: pass it to `record_all`."""
    return CaseEvent(
        case=case,
        action=action,
        actor=actor if (actor is not None and getattr(actor, "is_authenticated", False)) else None,
        note=note,
        from_status=from_status,
        to_status=to_status,
        is_public=is_public,
        data=data or {},
        created_at=at or timezone.now(),
    )


def record(case: Case, action: str, actor: Any = None, note: str = "", **fields: Any) -> CaseEvent:
    event = new_event(case, action, actor, note, **fields)
    event.save()
    return event


def record_all(events: list[CaseEvent]) -> list[CaseEvent]:
    """Save several events in one INSERT; the receivers of `post_save` (dashboard, webhooks) hear
    each of them as if it had been saved alone."""
    CaseEvent.objects.bulk_create(events)
    using = router.db_for_write(CaseEvent)
    for event in events:
        post_save.send(sender=CaseEvent, instance=event, created=True, update_fields=None, raw=False, using=using)
    return events
