"""Hot spots: categories or wards whose volume in the last 7 days is far above their usual level.

"Usual" is the mean and standard deviation of the same dimension over the 8 weeks before. A group is
hot when this week ≥ mean + THRESHOLD_SD × sd (the sd is floored at 1 so that a quiet group does not
fire on two cases), with at least MIN_CASES cases this week.

A week's volume counts the cases received and the people who said "tôi cũng gặp" on a case of that
category or ward during the week (`petitions.MeToo`, one per person and case): ten neighbours
confirming one flooded street weigh like ten reports of it. Cases merged into another as duplicates
do not count (the daily `received` leaves them out), so one incident reported fifty times is one
problem."""

import statistics
from dataclasses import replace
from datetime import date, timedelta

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from civicdesk.dashboard.figures import DIMENSIONS, Scope, day_bounds
from civicdesk.petitions.models import Case, MeToo

WEEKS_OF_HISTORY = 8
THRESHOLD_SD = 2.0
MIN_CASES = 5
HOTSPOT_DIMENSIONS = {"category": _("Lĩnh vực"), "ward": _("Phường/xã")}


def find(scope: Scope, today: date, dimension: str) -> list[dict]:
    column, names = DIMENSIONS[dimension]
    first_day = today - timedelta(days=7 * (WEEKS_OF_HISTORY + 1) - 1)
    window = replace(scope, start=first_day, end=today)
    weekly: dict = {}
    for row in window.daily(by_ward=dimension == "ward").values("day", column).annotate(n=Sum("received")):
        if row[column] is None:
            continue
        week = (today - row["day"]).days // 7  # 0 = the last 7 days, 1..8 = history
        weekly.setdefault(row[column], [0] * (WEEKS_OF_HISTORY + 1))[week] += row["n"] or 0
    me_too_now: dict = {}
    for key, week, n in _me_too_by_week(scope, today, first_day, column):
        weekly.setdefault(key, [0] * (WEEKS_OF_HISTORY + 1))[week] += n
        if week == 0:
            me_too_now[key] = me_too_now.get(key, 0) + n
    found = []
    for key, counts in weekly.items():
        this_week, history = counts[0], counts[1:]
        mean = statistics.fmean(history)
        spread = max(statistics.pstdev(history), 1.0)
        if this_week >= MIN_CASES and this_week >= mean + THRESHOLD_SD * spread:
            found.append({"id": key, "this_week": this_week, "me_too": me_too_now.get(key, 0),
                          "mean": mean, "sd": statistics.pstdev(history),
                          "score": (this_week - mean) / spread, "history": list(reversed(history))})
    labels = names([row["id"] for row in found])
    for row in found:
        row["name"] = labels.get(row["id"], "—")
        row["dimension"] = dimension
    found.sort(key=lambda r: -r["score"])
    return found


def _me_too_by_week(scope: Scope, today: date, first_day: date, column: str) -> list[tuple]:
    """(category or ward id, week number, people) of the "me too" said in the window."""
    since, until = day_bounds(first_day, today)
    rows = (MeToo.objects.filter(scope.area("case__"), created_at__gte=since, created_at__lt=until)
            .annotate(day=TruncDate("created_at")).values("day", f"case__{column}").annotate(n=Count("id")))
    return [(row[f"case__{column}"], (today - row["day"]).days // 7, row["n"]) for row in rows
            if row[f"case__{column}"] is not None]


def cases_behind(scope: Scope, today: date, hotspot: dict, limit: int = 10):
    column = DIMENSIONS[hotspot["dimension"]][0]
    since, until = day_bounds(today - timedelta(days=6), today)
    return (Case.objects.filter(scope.area(), **{column: hotspot["id"]})
            .filter(created_at__gte=since, created_at__lt=until, duplicate_of=None)  # merged duplicates are no new problem
            .select_related("category", "agency", "ward").order_by("-created_at")[:limit])


def open_codes_behind(scope: Scope, today: date, hotspot: dict, limit: int = 200) -> list[str]:
    """Tracking codes of the hot spot's cases of the last 7 days still open: what a leader's directive
    on the hot spot covers."""
    column = DIMENSIONS[hotspot["dimension"]][0]
    since, until = day_bounds(today - timedelta(days=6), today)
    return list(Case.objects.open().filter(scope.area(), **{column: hotspot["id"]})
                .filter(created_at__gte=since, created_at__lt=until)
                .order_by("-created_at").values_list("tracking_code", flat=True)[:limit])
