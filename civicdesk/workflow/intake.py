"""Receiving a case from any channel (web form, hotline console, REST API, Open311): one path.

Validation of the fields belongs to the channel (form or schema); this module stores the case,
its files and its first events, asks the router where it goes, and enqueues notifications."""

from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from civicdesk.notifications import dispatch
from civicdesk.notifications.models import Event
from civicdesk.outbox import enqueue
from civicdesk.petitions import attachments, events, reporter_access, signals
from civicdesk.petitions.models import Attachment, Case, EventAction, Priority, Status
from civicdesk.petitions.new_case import NewCase
from civicdesk.petitions.tasks import fill_public_text
from civicdesk.petitions.tracking import new_tracking_code
from civicdesk.routing import duplicate_search
from civicdesk.routing.pipeline import decide
from civicdesk.routing.tasks import find_possible_duplicates
from civicdesk.workflow import sla
from civicdesk.workflow.states import check_transition

__all__ = ["IdempotencyConflict", "NewCase", "submit"]


class IdempotencyConflict(ValueError):
    """The idempotency key was first used with a different request."""


# A tracking code is drawn from ~10^12; colliding with an earlier one is rare enough to retry.
_ATTEMPTS = 5


def submit(new: NewCase, actor: Any = None) -> tuple[Case, bool]:
    """Store a new case and route it. Returns (case, created); with an idempotency key already
    seen, the first case is returned and nothing new is stored.

    The hot path of every channel: reference data comes from per-process copies, the case is
    written with one INSERT and its events with another, and uniqueness (tracking code,
    idempotency key) is left to the database's constraints rather than checked beforehand.

    The slow work happens before the transaction opens: the routing decision (reads only), the
    public copies of images and the writing of files. The transaction holds only the INSERTs — on
    SQLite a transaction blocks every other writer. Files of a case that is not stored (an error,
    an idempotency key already used) are removed again. What the citizen's answer does not depend
    on — the duplicate search, the dashboard's figures, sending the receipt — is left to tasks
    published after the commit as one message (`enqueue.grouped`)."""
    case = _new_case(new)
    # The router decides before the row is written, so a new case costs one INSERT.
    decision = _apply_routing(case, case.created_at)
    files = [attachments.write(Attachment(case=case), attachments.prepare(checked)) for checked in new.files]
    try:
        for attempt in range(_ATTEMPTS):
            try:
                with enqueue.grouped(), transaction.atomic():
                    _store(case, files, decision, actor)
                return case, True
            except IntegrityError:
                case.pk = None
                if new.idempotency_key:
                    existing = Case.objects.filter(idempotency_key=new.idempotency_key).first()
                    if existing:
                        attachments.discard(files)
                        if (new.idempotency_fingerprint and existing.idempotency_fingerprint
                                and new.idempotency_fingerprint != existing.idempotency_fingerprint):
                            raise IdempotencyConflict(existing.tracking_code) from None
                        return existing, False
                if attempt == _ATTEMPTS - 1:
                    raise
                case.tracking_code = new_tracking_code()
    except BaseException:
        attachments.discard(files)
        raise
    raise AssertionError("unreachable")


def _new_case(new: NewCase) -> Case:
    now = new.created_at or timezone.now()
    return Case(
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
        reporter_zalo_id=new.reporter_zalo_id.strip(),
        reply_channel=new.reply_channel,
        hide_identity=new.hide_identity,
        consent_at=now if new.consent else None,
        user=new.user if (new.user is not None and new.user.is_authenticated) else None,
        idempotency_key=new.idempotency_key,
        idempotency_fingerprint=new.idempotency_fingerprint,
        created_at=now,
        status=Status.RECEIVED,
        tracking_code=new_tracking_code(),
    )


def _store(case: Case, files: list[Attachment], decision: Any, actor: Any) -> None:
    now = case.created_at
    reporter_access.issue(case)  # after any redraw of the tracking code, which the secret depends on
    # With a worker, what the answer does not depend on waits for the commit (`_after_commit`).
    later = not settings.CELERY_TASK_ALWAYS_EAGER
    with signals.writes_grouped():  # the dashboard refreshes the case once, at the end
        case.save(force_insert=True, mask_later=later)
        for item in files:
            item.case = case
        Attachment.objects.bulk_create(files)
        _record_intake_events(case, decision, actor, now, files=len(files))
        # The receipt is a row of this transaction, sent by a task once it commits.
        dispatch.notify_reporter(case, Event.RECEIVED, new_case=True)
    _after_commit(case, later)


def _after_commit(case: Case, later: bool) -> None:
    """What the citizen's answer does not depend on: the masked public copies of the text and the
    earlier open cases this one may repeat (the triage panel). With a worker, tasks published
    once the case is committed, with the dashboard's refresh and the receipt (`enqueue.grouped`):
    the search then sees every case committed before this one. Without one, here, as the
    dashboard does (the public texts were filled by `save`)."""
    if later:
        enqueue.after_commit(fill_public_text, case.pk)
        enqueue.after_commit(find_possible_duplicates, case.pk)
    else:
        duplicate_search.record_for(case.pk)


def _apply_routing(case: Case, at: Any) -> Any:
    """Ask the router where an unsaved case goes and set its fields: assigned or triage."""
    decision = decide(case)
    if decision.category is not None:
        case.category = decision.category
    if decision.ward is not None:
        case.ward = decision.ward
    case.routing_confidence = decision.category_confidence
    case.legal_hint = decision.legal_hint
    target = Status.TRIAGE if decision.needs_triage else Status.ASSIGNED
    check_transition(Status.RECEIVED, target)
    case.status = target
    if target == Status.ASSIGNED:
        case.agency = decision.agency
        case.due_at = sla.due_at_for(case, start=at)
    return decision


def _record_intake_events(case: Case, decision: Any, actor: Any, at: Any, files: int) -> None:
    rows = [events.new_event(case, EventAction.CREATED, actor, "", to_status=Status.RECEIVED,
                             data={"channel": case.channel, "attachments": files}, at=at)]
    if decision.urgent_hint and case.priority != Priority.URGENT:
        rows.append(events.new_event(case, EventAction.CLASSIFIED, None, "", is_public=False,
                                     data={"urgent_hint": True, "reasons": decision.reasons}, at=at))
    if case.status == Status.TRIAGE:
        rows.append(events.new_event(case, EventAction.CLASSIFIED, None, "", from_status=Status.RECEIVED,
                                     to_status=Status.TRIAGE, at=at,
                                     data={"confidence": decision.category_confidence, "reasons": decision.reasons,
                                           "ward_confidence": decision.ward_confidence}))
    else:
        rows.append(events.new_event(case, EventAction.ASSIGNED, None, decision.agency.name,
                                     from_status=Status.RECEIVED, to_status=Status.ASSIGNED, at=at,
                                     data={"agency": decision.agency.code, "confidence": decision.category_confidence,
                                           "ward_confidence": decision.ward_confidence}))
    events.record_all(rows)
