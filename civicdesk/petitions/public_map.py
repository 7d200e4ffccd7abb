"""The public map (/ban-do/): published cases that have a point, filtered by category and state,
with only what the public pages show (masked title, state, category, dates)."""

from django.db.models import QuerySet
from django.utils import timezone

from civicdesk.petitions import search
from civicdesk.petitions.models import Case, Status
from civicdesk.petitions.public import public_title

POINT_LIMIT = 5000


def published_with_points(category=None, status: str = "") -> QuerySet[Case]:  # type: ignore[no-untyped-def]
    return search.public_cases(category=category, status=status).filter(lat__isnull=False, lon__isnull=False)


def points(category=None, status: str = "") -> dict:  # type: ignore[no-untyped-def]
    """{"points": [[lat, lon, code, status, category name, public title, answered date], …],
    "truncated": bool} — the newest answers first, at most POINT_LIMIT."""
    cases = list(published_with_points(category, status)[:POINT_LIMIT + 1])
    rows = [[round(c.lat, 5), round(c.lon, 5), c.tracking_code, c.status,  # type: ignore[arg-type]
             c.category.name if c.category else "", public_title(c),
             timezone.localdate(c.answered_at or c.created_at).strftime("%d/%m/%Y")] for c in cases[:POINT_LIMIT]]
    return {"points": rows, "truncated": len(cases) > POINT_LIMIT,
            "status_labels": {s.value: str(s.label) for s in Status}}
