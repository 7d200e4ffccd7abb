"""Erasing the reporter's personal data when the retention period is over: the promise of the
privacy page (PDPL 91/2025/QH15, Decree 13/2023) — contact data is kept until the case is finished
plus `PERSONAL_DATA_RETENTION_YEARS`, then deleted; the masked public record stays.

What is erased, for each case finished more than N years ago:
- the reporter's name, e-mail and phone, and the link to the citizen's account (`Case.user`);
- the texts that are masked only when shown (title, content, rejection reason, answer bodies,
  review notes, event notes and data, rating comments) are stored masked, because once the name
  is gone the pages could no longer mask it: public pages and open data read exactly as before;
- the reporter's address in `Notification.recipient` and what the messages said (`context`, the
  SMTP `error`); staff notifications keep their recipient, their context is masked;
- every original upload (with EXIF), and the public copies too unless the case is published —
  a public copy of a published case is part of what the city publishes (tracking page, Open311);
  a file row left with no file is deleted.
`consent_at` stays: it is the proof that the processing was lawful while it lasted (Decree 13,
art. 11), and a time alone identifies nobody once the contact data is gone.

Category, ward, agency, status, dates and the timeline stay for statistics and open data. Each
erased case gets `personal_data_erased_at` and one internal `personal_data_erased` event; a
second run finds nothing to do."""

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from civicdesk.lib.masking import mask_personal_data
from civicdesk.petitions import events
from civicdesk.petitions.models import Attachment, Case, CaseEvent, EventAction
from civicdesk.workflow.states import Status

log = logging.getLogger(__name__)

BATCH_SIZE = 500
# The statuses a case cannot leave on its own: `answered` still waits for the reopening period
# (then `close_expired_answers` closes it), so its `closed_at` is the moment the case ended.
ENDED_STATUSES = (Status.CLOSED, Status.REJECTED)
ERASED_CASE_FIELDS = ("reporter_name", "reporter_email", "reporter_phone", "user", "title", "content",
                      "rejection_reason", "match_terms", "personal_data_erased_at")


@dataclass
class ErasureCounts:
    cases: int = 0
    notifications: int = 0
    files: int = 0

    def add(self, other: "ErasureCounts") -> None:
        self.cases += other.cases
        self.notifications += other.notifications
        self.files += other.files


def retention_cutoff(now: datetime, years: int) -> datetime:
    """The same calendar day `years` earlier (29 February → 28 February)."""
    try:
        return now.replace(year=now.year - years)
    except ValueError:
        return now.replace(year=now.year - years, day=28)


def due_for_erasure(cutoff: datetime) -> QuerySet[Case]:
    """Cases finished before `cutoff` whose personal data is still there.

    "Finished" is `closed_at`: `move()` sets it when a case is closed or rejected and clears it
    when the case is reopened, so it is the last time the case ended. `answered_at` is not the
    end (the citizen may still reopen), and `updated_at` moves with every save. A case merged
    into another is finished only when that one is too: its reporter still waits for the answer.
    The query runs on the partial index `case_not_erased_closed_at`."""
    return (Case.objects.filter(personal_data_erased_at__isnull=True, closed_at__lt=cutoff,
                                status__in=ENDED_STATUSES)
            .filter(Q(duplicate_of__isnull=True)
                    | Q(duplicate_of__status__in=ENDED_STATUSES, duplicate_of__closed_at__lt=cutoff)))


def erase_expired_personal_data(*, years: int | None = None, now: datetime | None = None,
                                dry_run: bool = False, batch_size: int = BATCH_SIZE) -> ErasureCounts:
    """Erase the personal data of every case finished more than `years` (default
    PERSONAL_DATA_RETENTION_YEARS) ago; with `dry_run`, only count what would be erased.
    Each batch is its own transaction, so an interrupted run keeps what it finished."""
    years = settings.PERSONAL_DATA_RETENTION_YEARS if years is None else years
    if years < 0:
        raise ValueError("years must be 0 or more")
    now = now or timezone.now()
    cutoff = retention_cutoff(now, years)
    total = ErasureCounts()
    last_id = 0
    while True:
        ids = list(due_for_erasure(cutoff).filter(pk__gt=last_id).order_by("pk")
                   .values_list("pk", flat=True)[:batch_size])
        if not ids:
            return total
        last_id = ids[-1]
        if dry_run:
            total.add(_count(ids))
        else:
            total.add(_erase_batch(ids, cutoff, now, years))


def _finished_at(case: Case) -> datetime:
    # due_for_erasure() selects only cases with closed_at before the cutoff
    assert case.closed_at is not None
    return case.closed_at


def _count(case_ids: list[int]) -> ErasureCounts:
    from civicdesk.notifications.models import Notification

    files = sum(_doomed(item, published) for item, published in _stored_files(case_ids))
    notifications = Notification.objects.filter(case_id__in=case_ids, to_staff=False).count()
    return ErasureCounts(cases=len(case_ids), notifications=notifications, files=files)


def _erase_batch(case_ids: list[int], cutoff: datetime, now: datetime, years: int) -> ErasureCounts:
    from civicdesk.dashboard.facts import deferred_refresh

    doomed_files: list[FieldFile] = []
    with transaction.atomic(), deferred_refresh():
        # Re-read under lock: a case reopened or erased since the list was made is left alone.
        cases = list(due_for_erasure(cutoff).filter(pk__in=case_ids).select_for_update(of=("self",)))
        if not cases:
            return ErasureCounts()
        ids = [case.pk for case in cases]
        names = {case.pk: [case.reporter_name] for case in cases}
        for case in cases:
            _mask_case_texts(case)
        _mask_related_texts(ids, names)
        notifications = _erase_notifications(ids, names)
        files = _erase_file_rows(ids, doomed_files)
        for case in cases:
            case.reporter_name = case.reporter_email = case.reporter_phone = ""
            case.user = None
            # Words of the unmasked text; an ended case is never a duplicate candidate, and the
            # duplicate search recomputes them from the (masked) text when it lacks them.
            case.match_terms = ""
            case.personal_data_erased_at = now
        # bulk_update, not save(): no signal, and `updated_at` keeps the moment of the last real change.
        Case.objects.bulk_update(cases, ERASED_CASE_FIELDS, batch_size=100)
        # Internal and without an actor: not a response, not a status change — the dashboard's
        # figures and the webhooks ignore it.
        events.record_all([
            events.new_event(case, EventAction.PERSONAL_DATA_ERASED, None, "", is_public=False, at=now, data={
                "retention_years": years, "finished_at": _finished_at(case).isoformat(),
                "notifications": notifications.get(case.pk, 0), "files": files.get(case.pk, 0)})
            for case in cases])
        transaction.on_commit(lambda: _delete_from_storage(doomed_files))
    return ErasureCounts(cases=len(cases), notifications=sum(notifications.values()), files=len(doomed_files))


# --- texts ---------------------------------------------------------------------------------------

def _mask_case_texts(case: Case) -> None:
    names = [case.reporter_name]
    case.title = mask_personal_data(case.title, names)[:200]
    case.content = mask_personal_data(case.content, names)
    case.rejection_reason = mask_personal_data(case.rejection_reason, names)


def mask_value(value: Any, names: Iterable[str]) -> Any:
    """Mask every string inside a JSON value (events' `data`, notifications' `context`)."""
    if isinstance(value, str):
        return mask_personal_data(value, names)
    if isinstance(value, list):
        return [mask_value(item, names) for item in value]
    if isinstance(value, dict):
        return {key: mask_value(item, names) for key, item in value.items()}
    return value


def _rewrite(rows: Iterable[Any], fields: tuple[str, ...], mask: Callable[[Any, Any], Any]) -> None:
    """Save the rows whose masked fields differ, in one UPDATE per 200 rows (no signals)."""
    changed = []
    for row in rows:
        before = [getattr(row, f) for f in fields]
        for f in fields:
            setattr(row, f, mask(row, getattr(row, f)))
        if [getattr(row, f) for f in fields] != before:
            changed.append(row)
    if changed:
        type(changed[0]).objects.bulk_update(changed, fields, batch_size=200)


def _mask_related_texts(ids: list[int], names: dict[int, list[str]]) -> None:
    from civicdesk.answers.models import Answer, Rating

    _rewrite(CaseEvent.objects.filter(case_id__in=ids).only("id", "case_id", "note", "data"), ("note", "data"),
             lambda row, value: mask_value(value, names[row.case_id]))
    _rewrite(Answer.objects.filter(case_id__in=ids).only("id", "case_id", "body", "review_note"),
             ("body", "review_note"), lambda row, value: mask_personal_data(value, names[row.case_id]))
    _rewrite(Rating.objects.filter(case_id__in=ids).only("id", "case_id", "comment"), ("comment",),
             lambda row, value: mask_personal_data(value, names[row.case_id]))


def _erase_notifications(ids: list[int], names: dict[int, list[str]]) -> dict[int, int]:
    """Blank the reporter's address and the message of every notification to the reporter; mask
    the context of staff notifications. Returns the reporter notifications erased per case."""
    from civicdesk.notifications.models import Notification

    erased: dict[int, int] = {}
    keep: list[int] = []
    drop: list[int] = []
    seen: set[tuple[Any, ...]] = set()
    rows = (Notification.objects.filter(case_id__in=ids, to_staff=False).order_by("pk")
            .values_list("pk", "case_id", "channel", "event", "dedupe_key"))
    for pk, case_id, *message in rows:
        erased[case_id] = erased.get(case_id, 0) + 1
        # Rows are unique per (case, channel, event, recipient, dedupe key): two messages that
        # differ only by address (the reporter changed it) would collide once blank, so the
        # later copy goes; the timeline's `notified` events still record that both were sent.
        key = (case_id, *message)
        (drop if key in seen else keep).append(pk)
        seen.add(key)
    Notification.objects.filter(pk__in=drop).delete()
    Notification.objects.filter(pk__in=keep).update(recipient="", context={}, error="")
    _rewrite(Notification.objects.filter(case_id__in=ids, to_staff=True).only("id", "case_id", "context"),
             ("context",), lambda row, value: mask_value(value, names[row.case_id]))
    return erased


# --- files ---------------------------------------------------------------------------------------

def _stored_files(case_ids: list[int]) -> Iterable[tuple[Any, bool]]:
    """Every file row of the cases, each with whether its public copy is published."""
    from civicdesk.answers.models import Answer, AnswerAttachment

    for item in Attachment.objects.filter(case_id__in=case_ids).select_related("case"):
        yield item, item.case.is_public
    for answer_item in AnswerAttachment.objects.filter(answer__case_id__in=case_ids).select_related("answer__case"):
        yield answer_item, answer_item.answer.case.is_public and answer_item.answer.state == Answer.State.APPROVED


def _doomed(item: Any, published: bool) -> int:
    """How many stored files of this row go: the original always, the public copy unless published."""
    return int(bool(item.file)) + int(bool(item.public_file) and not published)


def _erase_file_rows(case_ids: list[int], doomed: list[FieldFile]) -> dict[int, int]:
    """Empty or delete the file rows; the files themselves are listed in `doomed` and deleted from
    storage after commit (a rolled-back batch must not lose files). Returns files per case."""
    per_case: dict[int, int] = {}
    for item, published in _stored_files(case_ids):
        case_id = item.case_id if isinstance(item, Attachment) else item.answer.case_id
        per_case[case_id] = per_case.get(case_id, 0) + _doomed(item, published)
        if item.file:
            doomed.append(item.file)
        if item.public_file and published:
            # The published copy stays; its name as uploaded ("CCCD Nguyen Van An.jpg") does not.
            type(item).objects.filter(pk=item.pk).update(file="", original_name=item.stored_name)
        else:
            if item.public_file:
                doomed.append(item.public_file)
            item.delete()
    return per_case


def _delete_from_storage(files: list[FieldFile]) -> None:
    for field in files:
        # only files with a name are listed (`if item.file:` in _erase_file_rows)
        assert field.name is not None
        try:
            field.storage.delete(field.name)
        except OSError:  # left for the operator; the row no longer points at it
            log.exception("could not delete %s from storage", field.name)
