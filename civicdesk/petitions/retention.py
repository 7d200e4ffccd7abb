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
from civicdesk.petitions import events, signals
from civicdesk.petitions.models import Attachment, Case, CaseEvent, EventAction, Status

log = logging.getLogger(__name__)

BATCH_SIZE = 500
# The statuses a case cannot leave on its own: `answered` still waits for the reopening period
# (then `close_expired_answers` closes it), so its `closed_at` is the moment the case ended.
ENDED_STATUSES = (Status.CLOSED, Status.REJECTED)
ERASED_CASE_FIELDS = ("reporter_name", "reporter_email", "reporter_phone", "reporter_zalo_id", "user", "title",
                      "content", "rejection_reason", "match_terms", "personal_data_erased_at")


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
            total.add(_erase_batch(ids, due_for_erasure(cutoff), now, lambda case: {
                "retention_years": years, "finished_at": _finished_at(case).isoformat()}))


def _finished_at(case: Case) -> datetime:
    # due_for_erasure() selects only cases with closed_at before the cutoff
    assert case.closed_at is not None
    return case.closed_at


def _count(case_ids: list[int]) -> ErasureCounts:
    counts = ErasureCounts(cases=len(case_ids),
                           files=sum(doomed(item, published) for item, published, _ in _case_files(case_ids)))
    for found in signals.replies(signals.counting_personal_data, case_ids=case_ids):
        counts.notifications += found.get("notifications", 0)
        counts.files += found.get("files", 0)
    return counts


# A case whose reporter asked for their data to be erased (`petitions.personal_data`) may be erased
# once the agency no longer needs to reach them: it was answered (the reopening is given up with
# the data), closed or rejected.
ERASABLE_ON_REQUEST = (Status.ANSWERED, Status.CLOSED, Status.REJECTED)


def erasable_on_request() -> QuerySet[Case]:
    return Case.objects.filter(personal_data_erased_at__isnull=True, status__in=ERASABLE_ON_REQUEST)


def erase_on_request(case_ids: list[int], *, request_id: int, now: datetime | None = None) -> ErasureCounts:
    """Erase now, as at the end of the retention period, the personal data of those of `case_ids`
    that have ended (`ERASABLE_ON_REQUEST`) — the data subject's request `request_id`. The others
    are left alone; the caller asks again when they end."""
    now = now or timezone.now()
    ids = list(erasable_on_request().filter(pk__in=case_ids).values_list("pk", flat=True))
    if not ids:
        return ErasureCounts()
    return _erase_batch(ids, erasable_on_request(), now, lambda case: {"request": request_id})


def _erase_batch(case_ids: list[int], candidates: QuerySet[Case], now: datetime,
                 event_data: Callable[[Case], dict]) -> ErasureCounts:
    doomed_files: list[FieldFile] = []
    with transaction.atomic(), signals.writes_grouped():
        # Re-read under lock: a case reopened or erased since the list was made is left alone.
        cases = list(candidates.filter(pk__in=case_ids).select_for_update(of=("self",)))
        if not cases:
            return ErasureCounts()
        ids = [case.pk for case in cases]
        names = {case.pk: [case.reporter_name] for case in cases}
        for case in cases:
            _mask_case_texts(case)
        rewrite(CaseEvent.objects.filter(case_id__in=ids).only("id", "case_id", "note", "data"), ("note", "data"),
                lambda row, value: mask_value(value, names[row.case_id]))
        files = erase_file_rows(_case_files(ids), doomed_files)
        notifications: dict[int, int] = {}
        # The apps above (answers, notifications) erase what they keep: answer texts and files,
        # rating comments, the reporter's address in notifications.
        for erased in signals.replies(signals.erasing_personal_data, case_ids=ids, names=names,
                                      doomed_files=doomed_files):
            for case_id, count in erased.get("notifications", {}).items():
                notifications[case_id] = notifications.get(case_id, 0) + count
            for case_id, count in erased.get("files", {}).items():
                files[case_id] = files.get(case_id, 0) + count
        for case in cases:
            case.reporter_name = case.reporter_email = case.reporter_phone = case.reporter_zalo_id = ""
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
                **event_data(case), "notifications": notifications.get(case.pk, 0), "files": files.get(case.pk, 0)})
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


def rewrite(rows: Iterable[Any], fields: tuple[str, ...], mask: Callable[[Any, Any], Any]) -> None:
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


# --- files ---------------------------------------------------------------------------------------

def _case_files(case_ids: list[int]) -> list[tuple[Any, bool, int]]:
    """Every file the reporter sent with the cases: (row, whether its public copy is published, case id).
    The files of answers are the answers app's (`answers.retention`)."""
    return [(item, item.case.is_public, item.case_id)
            for item in Attachment.objects.filter(case_id__in=case_ids).select_related("case")]


def doomed(item: Any, published: bool) -> int:
    """How many stored files of this row go: the original always, the public copy unless published."""
    return int(bool(item.file)) + int(bool(item.public_file) and not published)


def erase_file_rows(items: Iterable[tuple[Any, bool, int]], doomed_files: list[FieldFile]) -> dict[int, int]:
    """Empty or delete the file rows (row, published, case id); the files themselves are listed in
    `doomed_files` and deleted from storage after commit (a rolled-back batch must not lose files).
    Returns files per case."""
    per_case: dict[int, int] = {}
    for item, published, case_id in items:
        per_case[case_id] = per_case.get(case_id, 0) + doomed(item, published)
        if item.file:
            doomed_files.append(item.file)
        if item.public_file and published:
            # The published copy stays; its name as uploaded ("CCCD Nguyen Van An.jpg") does not.
            type(item).objects.filter(pk=item.pk).update(file="", original_name=item.stored_name)
        else:
            if item.public_file:
                doomed_files.append(item.public_file)
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
