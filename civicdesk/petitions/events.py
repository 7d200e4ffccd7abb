"""Writing event rows: every change to a case goes through `record`."""

from typing import Any

from django.utils import timezone

from civicdesk.petitions.models import Case, CaseEvent


def record(
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
    return CaseEvent.objects.create(
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
