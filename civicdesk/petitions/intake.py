"""Receiving a case from any channel (web form, hotline console, REST API, Open311): one path.

Validation of the fields belongs to the channel (form or schema); this module stores the case,
its files and its first events, asks the router where it goes, and enqueues notifications."""

from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from civicdesk.petitions import attachments, events
from civicdesk.petitions.models import Case, Category, Channel, EventAction, Kind, Priority
from civicdesk.petitions.tracking import new_tracking_code
from civicdesk.workflow.states import Status


@dataclass
class NewCase:
    title: str
    content: str
    kind: str = Kind.REPORT
    channel: str = Channel.WEB
    category: Category | None = None
    category_confirmed: bool = False
    priority: str = Priority.NORMAL
    address_text: str = ""
    ward: Any = None
    lat: float | None = None
    lon: float | None = None
    reporter_type: str = "person"
    reporter_name: str = ""
    reporter_email: str = ""
    reporter_phone: str = ""
    hide_identity: bool = False
    consent: bool = True
    user: Any = None
    files: list[attachments.CheckedFile] = field(default_factory=list)
    idempotency_key: str | None = None
    created_at: Any = None


def submit(new: NewCase, actor: Any = None) -> tuple[Case, bool]:
    """Store a new case and route it. Returns (case, created); with an idempotency key already
    seen, the first case is returned and nothing new is stored."""
    if new.idempotency_key:
        existing = Case.objects.filter(idempotency_key=new.idempotency_key).first()
        if existing:
            return existing, False
    try:
        with transaction.atomic():
            case = _create(new, actor)
    except IntegrityError:
        if new.idempotency_key:
            existing = Case.objects.filter(idempotency_key=new.idempotency_key).first()
            if existing:
                return existing, False
        raise
    return case, True


def _create(new: NewCase, actor: Any) -> Case:
    now = new.created_at or timezone.now()
    case = Case(
        kind=new.kind,
        title=new.title.strip(),
        content=new.content.strip(),
        channel=new.channel,
        category=new.category,
        category_confirmed=new.category_confirmed and new.category is not None,
        priority=new.priority,
        address_text=new.address_text.strip(),
        ward=new.ward,
        lat=new.lat,
        lon=new.lon,
        reporter_type=new.reporter_type,
        reporter_name=new.reporter_name.strip(),
        reporter_email=new.reporter_email.strip(),
        reporter_phone=new.reporter_phone.strip(),
        hide_identity=new.hide_identity,
        consent_at=now if new.consent else None,
        user=new.user if (new.user is not None and new.user.is_authenticated) else None,
        idempotency_key=new.idempotency_key,
        created_at=now,
        status=Status.RECEIVED,
    )
    for _attempt in range(5):
        case.tracking_code = new_tracking_code()
        if not Case.objects.filter(tracking_code=case.tracking_code).exists():
            break
    case.save()
    for checked in new.files:
        attachments.store(case, checked)
    events.record(
        case, EventAction.CREATED, actor, "", to_status=Status.RECEIVED,
        data={"channel": new.channel, "attachments": len(new.files)}, at=now,
    )
    route(case, actor, at=now)
    transaction.on_commit(lambda: _after_commit(case.pk))
    return case


def route(case: Case, actor: Any = None, at: Any = None) -> Case:
    """Apply the router's decision to a freshly received case: assigned or triage."""
    from civicdesk.routing.pipeline import decide
    from civicdesk.workflow import sla
    from civicdesk.workflow.transitions import move

    decision = decide(case)
    changed = []
    if decision.category and case.category_id != decision.category.pk:
        case.category = decision.category
        changed.append("category")
    if decision.ward and case.ward_id != decision.ward.pk:
        case.ward = decision.ward
        changed.append("ward")
    case.routing_confidence = decision.category_confidence
    changed.append("routing_confidence")
    if decision.urgent_hint and case.priority != Priority.URGENT:
        events.record(case, EventAction.CLASSIFIED, None, "", is_public=False,
                      data={"urgent_hint": True, "reasons": decision.reasons}, at=at)
    case.save(update_fields=[*changed, "updated_at"])
    if decision.needs_triage:
        return move(case, Status.TRIAGE, None, "", action=EventAction.CLASSIFIED, is_public=True,
                    data={"confidence": decision.category_confidence, "reasons": decision.reasons}, at=at)
    case.agency = decision.agency
    case.due_at = sla.due_at_for(case, start=at or case.created_at)
    case.save(update_fields=["agency", "due_at", "updated_at"])
    return move(case, Status.ASSIGNED, None, decision.agency.name if decision.agency else "",
                action=EventAction.ASSIGNED,
                data={"agency": decision.agency.code if decision.agency else None,
                      "confidence": decision.category_confidence}, at=at)


def _after_commit(case_id: int) -> None:
    from civicdesk.notifications.dispatch import case_received

    case_received(case_id)
