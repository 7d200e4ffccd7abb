"""The dashboard's figures: headline numbers, trends, breakdowns, league table, overdue cases.

Everything reads DailyFigure and CaseFact (see facts.py for the definitions); "overdue now" and
backlog count the open CaseFact rows (partial indexes), which follow every save of a case."""

import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import connection
from django.db.models import Aggregate, Count, FloatField, Min, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from civicdesk.dashboard.models import SUM_FIELDS, CaseFact, DailyFigure, DailyUnitFigure, DailyWardFigure
from civicdesk.organisation.models import AdminUnit, Agency
from civicdesk.petitions.models import Category, Channel


@dataclass(frozen=True)
class Scope:
    """What a dashboard view looks at: a period (inclusive local days) and an area."""

    start: date
    end: date
    agency_id: int | None = None
    ward_id: int | None = None
    category_id: int | None = None
    granularity: str = "day"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Scope":
        return replace(self, start=self.start - timedelta(days=self.days), end=self.start - timedelta(days=1))

    def area(self, prefix: str = "") -> Q:
        q = Q()
        if self.agency_id:
            q &= Q(**{f"{prefix}agency_id": self.agency_id})
        if self.ward_id:
            q &= Q(**{f"{prefix}ward_id": self.ward_id})
        if self.category_id:
            q &= Q(**{f"{prefix}category_id": self.category_id})
        return q

    def daily(self, by_ward: bool = False) -> QuerySet:
        """Daily counts of the period; the smaller per-unit table unless a ward is involved."""
        model: type[DailyFigure | DailyUnitFigure | DailyWardFigure]
        if not (by_ward or self.ward_id):
            model = DailyUnitFigure
        elif self.agency_id or self.category_id:
            model = DailyFigure
        else:
            model = DailyWardFigure
        return model.objects.filter(self.area(), day__gte=self.start, day__lte=self.end).order_by()

    def cohort(self) -> QuerySet[CaseFact]:
        return CaseFact.objects.filter(self.area(), created_on__gte=self.start, created_on__lte=self.end).order_by()

    def open_cases(self) -> QuerySet[CaseFact]:
        """Open cases now, from CaseFact (kept in step with the case by signals; narrow and indexed)."""
        return CaseFact.objects.filter(self.area(), is_open=True).order_by()


def day_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """Aware datetimes [start 00:00, the day after end 00:00) in local time, for indexed range filters."""
    zone = timezone.get_current_timezone()
    return (datetime.combine(start, time.min, tzinfo=zone),
            datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone))


class _Median(Aggregate):
    function = "PERCENTILE_CONT"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def medians(queryset: QuerySet, *names: str) -> dict[str, float | None]:
    """Exact medians of several columns, empty values left out; one scan on PostgreSQL."""
    if connection.vendor == "postgresql":
        return queryset.aggregate(**{name: _Median(name) for name in names})
    result = {}
    for name in names:
        values = list(queryset.filter(**{f"{name}__isnull": False}).values_list(name, flat=True))
        result[name] = statistics.median(values) if values else None
    return result


SUMS = SUM_FIELDS


def _sums(queryset: QuerySet) -> dict:
    totals = queryset.aggregate(**{name: Sum(name) for name in SUMS})
    return {name: totals[name] or 0 for name in SUMS}


def _ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def _rates(totals: dict) -> dict:
    return {
        **totals,
        "resolved_on_time_rate": _ratio(totals["resolved_on_time"],
                                        totals["resolved_on_time"] + totals["resolved_late"]),
        "reopen_rate": _ratio(totals["reopened"], totals["received"]),
        "satisfaction": _ratio(totals["rating_sum"], totals["rated"]),
    }


def period_figures(scope: Scope) -> dict:
    figures = _rates(_sums(scope.daily()))
    middle = medians(scope.cohort(), "first_response_seconds", "answer_seconds")
    figures["first_response_hours"] = _hours(middle["first_response_seconds"])
    figures["answer_hours"] = _hours(middle["answer_seconds"])
    return figures


def _hours(seconds: float | None) -> float | None:
    return None if seconds is None else seconds / 3600


# (key, label, kind) — kind decides formatting and which direction of change is good.
HEADLINES = [
    ("received", _("Tiếp nhận"), "count", None),
    ("resolved", _("Đã giải quyết"), "count", "up"),
    # of the cases come due: resolved in the period plus open and overdue now, counted as late (as the
    # league table counts them); a snapshot of "now", so it has no previous-period figure
    ("on_time_rate", _("Tỉ lệ đúng hạn"), "percent", "up"),
    ("overdue_now", _("Đang quá hạn"), "count", "down"),
    ("first_response_hours", _("Trung vị thời gian phản hồi đầu tiên"), "hours", "down"),
    ("answer_hours", _("Trung vị thời gian trả lời"), "hours", "down"),
    ("satisfaction", _("Mức độ hài lòng (1–5)"), "score", "up"),
    ("reopen_rate", _("Tỉ lệ mở lại"), "percent", "down"),
]


def headline(scope: Scope, now=None) -> dict:
    """Figures of the period, of the previous period of the same length, and the changes."""
    now = now or timezone.now()
    current = period_figures(scope)
    previous = period_figures(scope.previous())
    current["overdue_now"] = scope.open_cases().filter(due_at__lt=now).count()
    previous["overdue_now"] = None  # a snapshot, not a period figure: no comparison
    current["on_time_rate"] = _ratio(current["resolved_on_time"], current["resolved_on_time"]
                                     + current["resolved_late"] + current["overdue_now"])
    previous["on_time_rate"] = None  # which cases were overdue then is not kept: no like-for-like figure
    items = []
    for key, label, kind, good in HEADLINES:
        value, before = current.get(key), previous.get(key)
        change = None if value is None or before is None else value - before
        items.append({
            "key": key, "label": label, "kind": kind, "value": value, "previous": before, "change": change,
            "good": None if (change in (None, 0) or good is None) else ((change > 0) == (good == "up")),
            "relative": _ratio(change, before) if (change is not None and kind == "count" and before) else None,
        })
    return {"items": items, "current": current, "previous": previous}


def bucket_start(day: date, granularity: str) -> date:
    if granularity == "week":
        return day - timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day


def trend(scope: Scope) -> list[dict]:
    buckets: dict[date, dict] = {}
    day = bucket_start(scope.start, scope.granularity)
    while day <= scope.end:  # every bucket, so quiet days show as zero
        buckets.setdefault(bucket_start(day, scope.granularity), {"received": 0, "resolved": 0, "on_time": 0,
                                                                  "late": 0})
        day += timedelta(days=1)
    rows = scope.daily().values("day").annotate(
        received=Sum("received"), resolved=Sum("resolved"), on_time=Sum("resolved_on_time"),
        late=Sum("resolved_late"))
    for row in rows:
        bucket = buckets[bucket_start(row["day"], scope.granularity)]
        for name in ("received", "resolved", "on_time", "late"):
            bucket[name] += row[name] or 0
    return [{"start": start, **values, "on_time_rate": _ratio(values["on_time"], values["on_time"] + values["late"])}
            for start, values in sorted(buckets.items())]


# dimension → (its column, a function from ids (or values) to their names)
DIMENSIONS: dict[str, tuple[str, Callable[[list[Any]], dict[Any, str]]]] = {
    "category": ("category_id", lambda ids: dict(Category.objects.filter(id__in=ids).values_list("id", "name"))),
    "agency": ("agency_id", lambda ids: dict(Agency.objects.filter(id__in=ids).values_list("id", "name"))),
    "ward": ("ward_id", lambda ids: dict(AdminUnit.objects.filter(id__in=ids).values_list("id", "name"))),
    "channel": ("channel", lambda ids: {value: str(label) for value, label in Channel.choices}),
}


def breakdown(scope: Scope, dimension: str, limit: int | None = None) -> list[dict]:
    column, names = DIMENSIONS[dimension]
    rows = list(scope.daily(by_ward=dimension == "ward").values(column).annotate(
        received=Sum("received"), resolved=Sum("resolved"), on_time=Sum("resolved_on_time"),
        late=Sum("resolved_late")).filter(Q(received__gt=0) | Q(resolved__gt=0)).order_by("-received"))
    labels = names([row[column] for row in rows if row[column] is not None])
    total = sum(row["received"] for row in rows) or 0
    result = [{
        "id": row[column], "name": labels.get(row[column], "—") if row[column] is not None else gettext("(chưa xác định)"),
        "received": row["received"], "resolved": row["resolved"],
        "share": _ratio(row["received"], total),
        "on_time_rate": _ratio(row["on_time"], row["on_time"] + row["late"]),
    } for row in rows]
    return result[:limit] if limit else result


# The league table's measure (explained on the page and in the dashboard README): of a unit's cases
# whose deadline has been reached — resolved in the period, on time or late, plus those open and
# overdue now, counted as late — the share on time; units are ranked by the lower bound of its 95 %
# Wilson interval, so a handful of cases cannot outrank a steady record over hundreds. Units with
# fewer such cases than LEAGUE_MIN_CASES are listed apart, unranked.
LEAGUE_MIN_CASES = 20
LEAGUE_Z = 1.96  # 95 % confidence


def wilson_lower_bound(successes: int, total: int, z: float = LEAGUE_Z) -> float | None:
    """Lower bound of the Wilson score interval of a proportion; None without observations."""
    if total <= 0:
        return None
    share = successes / total
    spread = z * z / total
    centre = share + spread / 2
    margin = z * math.sqrt(share * (1 - share) / total + spread / (4 * total))
    return max(0.0, (centre - margin) / (1 + spread))


def league(scope: Scope, now=None) -> list[dict]:
    """Units with enough cases ranked by `score` (best first, then smaller backlog, then volume), then
    the units below LEAGUE_MIN_CASES, unranked (`rank` None), in the same order."""
    now = now or timezone.now()
    area = scope
    per_unit = {row["agency_id"]: row for row in area.daily().values("agency_id").annotate(
        received=Sum("received"), resolved=Sum("resolved"), on_time=Sum("resolved_on_time"),
        late=Sum("resolved_late"), rated=Sum("rated"), rating_sum=Sum("rating_sum"))}
    open_rows = area.open_cases().values("agency_id").annotate(
        backlog=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=now)))
    backlog = {row["agency_id"]: row for row in open_rows}
    ids = {i for i in set(per_unit) | set(backlog) if i is not None}
    names = dict(Agency.objects.filter(id__in=ids).values_list("id", "name"))
    rows = []
    for agency_id in ids:
        figures, waiting = per_unit.get(agency_id, {}), backlog.get(agency_id, {})
        on_time, late = figures.get("on_time") or 0, figures.get("late") or 0
        overdue = waiting.get("overdue", 0)
        assessed = on_time + late + overdue
        rows.append({
            "agency_id": agency_id, "name": names.get(agency_id, "—"),
            "received": figures.get("received") or 0, "resolved": figures.get("resolved") or 0,
            "on_time": on_time, "late": late, "on_time_rate": _ratio(on_time, on_time + late),
            "backlog": waiting.get("backlog", 0), "overdue": overdue,
            "assessed": assessed, "on_time_share": _ratio(on_time, assessed),
            "score": wilson_lower_bound(on_time, assessed), "ranked": assessed >= LEAGUE_MIN_CASES,
            "satisfaction": _ratio(figures.get("rating_sum") or 0, figures.get("rated") or 0),
        })
    rows.sort(key=lambda r: (not r["ranked"], r["score"] is None, -(r["score"] or 0), r["backlog"], -r["received"]))
    rank = 0
    for row in rows:
        if row["ranked"]:
            rank += 1
        row["rank"] = rank if row["ranked"] else None
    return rows


def overdue_by_unit(scope: Scope, now=None) -> list[dict]:
    now = now or timezone.now()
    rows = list(scope.open_cases().filter(due_at__lt=now).values("agency_id").annotate(
        overdue=Count("pk"), oldest_due=Min("due_at")).order_by("-overdue"))
    names = dict(Agency.objects.filter(id__in=[r["agency_id"] for r in rows if r["agency_id"]]).values_list(
        "id", "name"))
    for row in rows:
        row["name"] = names.get(row["agency_id"], gettext("(chưa giao đơn vị)"))
        row["days_late"] = (now - row["oldest_due"]).days
    return rows
