"""Keeping CaseFact and DailyFigure exact: one case's row is recomputed from the case, its events and
its ratings; every day on which the old or the new row counts is then summed again from CaseFact.

Definitions (also in docs/dashboard.md):
- *received*: the local day of `Case.created_at`. A case merged into another (`duplicate_of`) is no new
  problem: it is left out of received (and so of the share, hot spots and the cohort counts).
- *finished* (resolved): the case is now answered or closed; when = `answered_at` (else `closed_at`).
  A rejected case is not resolved; it counts in `rejected` on the day it was rejected.
- *on time*: finished no later than `due_at`; cases without a due date are left out of the rate.
- *first response*: the first event after intake made by a staff member (operator, officer, lead,
  supervisor, admin) — automatic routing and the citizen's own actions do not count.
- *time to answer*: from receipt to the first move to `answered` (else `answered_at`).
- *reopened*: the case has at least one `reopened` event. *rating*: the case's latest Rating.
"""

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import overload

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from civicdesk.accounts.models import STAFF_ROLES
from civicdesk.answers.models import Rating
from civicdesk.dashboard.models import (
    SUM_FIELDS,
    CaseFact,
    Counters,
    DailyFigure,
    DailyUnitFigure,
    DailyWardFigure,
)
from civicdesk.petitions.models import OPEN_STATUSES, Case, CaseEvent, EventAction, Status

log = logging.getLogger(__name__)

KEY_FIELDS = ("category_id", "agency_id", "ward_id", "channel")
# smaller tables summed from DailyFigure, each over a subset of its key
# (typed as the abstract Counters, hence `_default_manager`, which is their `objects`)
ROLLUPS: tuple[tuple[type[Counters], tuple[str, ...]], ...] = (
    (DailyUnitFigure, ("category_id", "agency_id", "channel")), (DailyWardFigure, ("ward_id",)))
FACT_DAY_FIELDS = ("created_on", "finished_on", "rejected_on")
# Events that are never a staff member's response, whoever is recorded as the actor.
NOT_A_RESPONSE = {EventAction.CREATED, EventAction.NOTIFIED, EventAction.RATED, EventAction.REOPENED}


def may_change_fact(action: str, to_status: str) -> bool:
    """Whether an event of this kind can change its case's fact (`build_fact`): a reopening, an
    answer, or a step that may be a staff member's first response. A sent notification cannot
    (nor a rating's event: the rating itself refreshes the case)."""
    return action == EventAction.REOPENED or to_status == Status.ANSWERED or action not in NOT_A_RESPONSE


@overload
def local_day(moment: datetime) -> date: ...
@overload
def local_day(moment: datetime | None) -> date | None: ...
def local_day(moment: datetime | None) -> date | None:
    return timezone.localtime(moment).date() if moment else None


def build_fact(case: dict, events: Iterable[dict], latest_rating: int | None) -> CaseFact:
    """`case` holds Case field values, `events` dicts with action, created_at, to_status, actor_role,
    actor_is_superuser, in time order."""
    created_at: datetime = case["created_at"]
    first_response = first_answer = None
    reopened = False
    for event in events:
        if event["action"] == EventAction.REOPENED:
            reopened = True
        if (first_response is None and event["action"] not in NOT_A_RESPONSE
                and (event["actor_role"] in STAFF_ROLES or event["actor_is_superuser"])
                and event["created_at"] >= created_at):
            first_response = event["created_at"]
        if first_answer is None and event["to_status"] == Status.ANSWERED:
            first_answer = event["created_at"]
    status = case["status"]
    finished_at = None
    if status in (Status.ANSWERED, Status.CLOSED):
        finished_at = case["answered_at"] or case["closed_at"]
    first_answer = first_answer or case["answered_at"]
    due_at = case["due_at"]
    return CaseFact(
        case_id=case["id"],
        created_at=created_at,
        created_on=local_day(created_at),
        category_id=case["category_id"],
        agency_id=case["agency_id"],
        ward_id=case["ward_id"],
        channel=case["channel"],
        status=status,
        is_open=status in OPEN_STATUSES,
        due_at=due_at,
        finished_at=finished_at,
        finished_on=local_day(finished_at),
        rejected_on=local_day(case["closed_at"] or case["updated_at"]) if status == Status.REJECTED else None,
        on_time=(finished_at <= due_at) if (finished_at and due_at) else None,
        first_response_seconds=_seconds(created_at, first_response),
        answer_seconds=_seconds(created_at, first_answer),
        reopened=reopened,
        rating=latest_rating,
        duplicate=case["duplicate_of_id"] is not None,
    )


def _seconds(start: datetime, end: datetime | None) -> int | None:
    if end is None or end < start:
        return None
    return int((end - start).total_seconds())


CASE_FIELDS = ("id", "created_at", "updated_at", "category_id", "agency_id", "ward_id", "channel", "status",
               "due_at", "answered_at", "closed_at", "duplicate_of_id")
EVENT_FIELDS = ("case_id", "action", "created_at", "to_status", "actor__role", "actor__is_superuser")


def facts_for(case_ids: list[int]) -> list[CaseFact]:
    """Compute the facts of many cases with three queries."""
    cases = Case.objects.filter(id__in=case_ids).values(*CASE_FIELDS)
    events: dict[int, list[dict]] = {}
    for row in (CaseEvent.objects.filter(case_id__in=case_ids).order_by("case_id", "created_at", "id")
                .values(*EVENT_FIELDS)):
        events.setdefault(row["case_id"], []).append({
            "action": row["action"], "created_at": row["created_at"], "to_status": row["to_status"],
            "actor_role": row["actor__role"], "actor_is_superuser": bool(row["actor__is_superuser"]),
        })
    ratings: dict[int, int] = {}
    for case_id, score in Rating.objects.filter(case_id__in=case_ids).order_by("created_at", "id").values_list(
            "case_id", "score"):
        ratings[case_id] = score  # the latest wins
    return [build_fact(case, events.get(case["id"], []), ratings.get(case["id"])) for case in cases]


def _days_of(fact: CaseFact | None) -> set[date]:
    if fact is None:
        return set()
    return {getattr(fact, name) for name in FACT_DAY_FIELDS if getattr(fact, name)}


def refresh_case(case_id: int) -> None:
    """Recompute one case's fact and every day it counts on, before and after the change."""
    with transaction.atomic(savepoint=False):  # the caller (refresh_case_safely, the task) rolls back
        old = CaseFact.objects.filter(case_id=case_id).first()
        new = next(iter(facts_for([case_id])), None)
        if new is None:
            CaseFact.objects.filter(case_id=case_id).delete()
        else:
            new.save()
        recompute_days(_days_of(old) | _days_of(new), keys={_key_of(f) for f in (old, new) if f is not None})


def _key_of(fact: CaseFact) -> tuple:
    return tuple(getattr(fact, name) for name in KEY_FIELDS)


def _match(keys: Iterable[tuple], fields: tuple[str, ...] = KEY_FIELDS) -> Q:
    q = Q(pk__in=[])
    for key in keys:
        q |= Q(**dict(zip(fields, key, strict=True)))
    return q


_deferred = threading.local()


@contextmanager
def deferred_refresh() -> Iterator[None]:
    """Within this block the signals only note which cases changed; each is refreshed once at
    the end: inside the caller's transaction without a broker, by a task after commit with one.
    Intake writes a case, its files and several events: one refresh instead of one per row."""
    if getattr(_deferred, "case_ids", None) is not None:  # nested: the outer block refreshes
        yield
        return
    _deferred.case_ids = set()
    try:
        yield
        pending = _deferred.case_ids
    finally:
        _deferred.case_ids = None
    if not pending:
        return
    if settings.CELERY_TASK_ALWAYS_EAGER:
        for case_id in sorted(pending):
            refresh_case_safely(case_id)
    else:
        # With a worker, the figures are rewritten after the request, not inside it.
        from civicdesk.dashboard.tasks import refresh_cases
        from civicdesk.outbox.enqueue import send

        ids = sorted(pending)
        transaction.on_commit(lambda: send(refresh_cases, ids))  # kept in the outbox if the broker is down


def refresh_case_safely(case_id: int) -> None:
    """Called from signals: a dashboard failure must never stop a case from being saved."""
    pending = getattr(_deferred, "case_ids", None)
    if pending is not None:
        pending.add(case_id)
        return
    try:
        with transaction.atomic():
            refresh_case(case_id)
    except Exception:  # logged; `civicdesk rebuild-dashboard` repairs the figures
        log.exception("dashboard figures of case %s could not be refreshed", case_id)


def recompute_days(days: Iterable[date], keys: set[tuple] | None = None) -> int:
    """Rewrite the DailyFigure and DailyUnitFigure rows of `days` from CaseFact — all of them, or only
    those of the (category, agency, ward, channel) `keys` one changed case touches. Returns the number
    of DailyFigure rows written."""
    days = sorted(set(days))
    if not days:
        return 0
    if keys is not None:
        return _recompute_keys(days, keys)
    rows: dict[tuple, DailyFigure] = {}

    def row(day: date, values: dict) -> DailyFigure:
        key = (day, *(values[name] for name in KEY_FIELDS))
        if key not in rows:
            rows[key] = DailyFigure(day=day, **{name: values[name] for name in KEY_FIELDS})
        return rows[key]

    facts = CaseFact.objects.order_by()
    for values in (facts.filter(created_on__in=days, duplicate=False).values("created_on", *KEY_FIELDS)
                   .annotate(n=Count("pk"), n_reopened=Count("pk", filter=Q(reopened=True)),
                             n_rated=Count("rating"), n_rating_sum=Sum("rating"))):
        figure = row(values["created_on"], values)
        figure.received = values["n"]
        figure.reopened = values["n_reopened"]
        figure.rated = values["n_rated"]
        figure.rating_sum = values["n_rating_sum"] or 0
    for values in (facts.filter(finished_on__in=days).values("finished_on", *KEY_FIELDS)
                   .annotate(n=Count("pk"), n_on_time=Count("pk", filter=Q(on_time=True)),
                             n_late=Count("pk", filter=Q(on_time=False)))):
        figure = row(values["finished_on"], values)
        figure.resolved = values["n"]
        figure.resolved_on_time = values["n_on_time"]
        figure.resolved_late = values["n_late"]
    for values in facts.filter(rejected_on__in=days).values("rejected_on", *KEY_FIELDS).annotate(n=Count("pk")):
        row(values["rejected_on"], values).rejected = values["n"]
    with transaction.atomic():
        DailyFigure.objects.filter(day__in=days).delete()
        DailyFigure.objects.bulk_create(rows.values(), batch_size=2000)
        for model, fields in ROLLUPS:
            totals: dict[tuple, Counters] = {}
            for figure in rows.values():
                key = (figure.day, *(getattr(figure, name) for name in fields))
                if key not in totals:
                    totals[key] = model(day=figure.day, **{name: getattr(figure, name) for name in fields})
                total = totals[key]
                for name in SUM_FIELDS:
                    setattr(total, name, getattr(total, name) + getattr(figure, name))
            model._default_manager.filter(day__in=days).delete()
            model._default_manager.bulk_create(totals.values(), batch_size=2000)
    return len(rows)


def _recompute_keys(days: list[date], keys: set[tuple]) -> int:
    facts = CaseFact.objects.filter(_match(keys)).order_by()
    rows: dict[tuple, DailyFigure] = {}
    for day_field, counters in (
        ("created_on", {"received": Count("pk"), "reopened": Count("pk", filter=Q(reopened=True)),
                        "rated": Count("rating"), "rating_sum": Sum("rating")}),
        ("finished_on", {"resolved": Count("pk"), "resolved_on_time": Count("pk", filter=Q(on_time=True)),
                         "resolved_late": Count("pk", filter=Q(on_time=False))}),
        ("rejected_on", {"rejected": Count("pk")}),
    ):
        cases = facts.filter(**{f"{day_field}__in": days})
        if day_field == "created_on":
            cases = cases.filter(duplicate=False)  # the cohort of new problems
        for values in cases.values(day_field, *KEY_FIELDS).annotate(**counters):
            key = (values[day_field], *(values[name] for name in KEY_FIELDS))
            figure = rows.setdefault(key, DailyFigure(day=key[0], **{n: values[n] for n in KEY_FIELDS}))
            for name in counters:
                setattr(figure, name, values[name] or 0)
    with transaction.atomic(savepoint=False):
        DailyFigure.objects.filter(_match(keys), day__in=days).delete()
        DailyFigure.objects.bulk_create(rows.values())
        for model, fields in ROLLUPS:
            rollup_keys = {tuple(key[KEY_FIELDS.index(name)] for name in fields) for key in keys}
            model._default_manager.filter(_match(rollup_keys, fields), day__in=days).delete()
            sums = (DailyFigure.objects.filter(_match(rollup_keys, fields), day__in=days).order_by()
                    .values("day", *fields).annotate(**{f"sum_{n}": Sum(n) for n in SUM_FIELDS}))
            model._default_manager.bulk_create([
                model(day=v["day"], **{name: v[name] for name in fields},
                      **{n: v[f"sum_{n}"] or 0 for n in SUM_FIELDS})
                for v in sums])
    return len(rows)


def rebuild_all(batch: int = 5000, progress=None) -> tuple[int, int]:
    """Recompute every CaseFact and DailyFigure from the cases. Returns (facts, daily rows)."""
    CaseFact.objects.all().delete()
    ids = list(Case.objects.order_by("id").values_list("id", flat=True))
    written = 0
    for start in range(0, len(ids), batch):
        facts = facts_for(ids[start:start + batch])
        CaseFact.objects.bulk_create(facts, batch_size=batch)
        written += len(facts)
        if progress:
            progress(written, len(ids))
    return written, rebuild_days()


def rebuild_days() -> int:
    """Recompute every DailyFigure and DailyUnitFigure from CaseFact (which is kept as it is)."""
    for model in (DailyFigure, DailyUnitFigure, DailyWardFigure):
        model.objects.all().delete()
    days: set[date] = set()
    for name in FACT_DAY_FIELDS:
        days.update(CaseFact.objects.exclude(**{f"{name}__isnull": True}).values_list(name, flat=True).distinct())
    ordered = sorted(days)
    rows = 0
    for start in range(0, len(ordered), 31):
        rows += recompute_days(ordered[start:start + 31])
    return rows
