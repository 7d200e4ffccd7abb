"""Duplicate search for every new case: earlier open cases about the same incident.

It runs inside intake, so it reads little: the latest open cases of the same place (the ward, or
near the map point, or else the same category) within the time window, compares the content
words stored with each (`Case.match_terms`) with the new case's, and gives only the closest few
the full pair score of `duplicates.pair_score`. What it finds is stored as `PossibleDuplicate`
rows for a person to confirm with one click."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from civicdesk.organisation.lookup import ward_code_for
from civicdesk.routing import duplicates
from civicdesk.routing.normalise import fold, normalise

# The latest open cases of the same place read from the database.
MAX_CANDIDATES = 30
# Of those, the ones sharing most words get the full score.
MAX_SCORED = 3
# Share of the shorter message's content words found in the other: below it, not the same
# incident. At 0.2, 39 of the 40 duplicate pairs of the development set pass (docs/benchmarks.md).
MIN_OVERLAP = 0.2
MAX_TERMS = 80
# Without a ward, "near the map point": about 1 km either way.
NEAR_DEGREES = 0.01


@dataclass(frozen=True)
class Found:
    case_id: int
    tracking_code: str
    score: float


def match_terms(title: str, content: str) -> str:
    """The content words of a message, folded, each once, in order (stored with the case)."""
    seen: dict[str, None] = {}
    for word in duplicates._content_words(fold(normalise(f"{title} . {content}"))):
        seen.setdefault(word, None)
        if len(seen) >= MAX_TERMS:
            break
    return " ".join(seen)


def overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def find_for_new_case(case: Any, at: datetime, category: tuple[str | None, float] | None = None) -> list[Found]:
    """Earlier open cases that look like the same incident as the unsaved `case`, best first."""
    from civicdesk.petitions.models import Case
    from civicdesk.workflow.states import FINISHED_STATUSES

    terms = set((case.match_terms or match_terms(case.title, case.content)).split())
    if not terms:
        return []
    window = duplicates.window_hours()
    rows = Case.objects.filter(created_at__gte=at - timedelta(hours=window), created_at__lte=at,
                               duplicate_of__isnull=True).exclude(status__in=list(FINISHED_STATUSES))
    if case.ward_id:
        rows = rows.filter(ward_id=case.ward_id)
    elif case.lat is not None and case.lon is not None:
        rows = rows.filter(lat__range=(case.lat - NEAR_DEGREES, case.lat + NEAR_DEGREES),
                           lon__range=(case.lon - NEAR_DEGREES, case.lon + NEAR_DEGREES))
    elif case.category_id:
        rows = rows.filter(category_id=case.category_id)
    else:
        return []
    if case.pk:
        rows = rows.exclude(pk=case.pk)
    # Words first (a short column), the whole text only of the closest few.
    stored = dict(rows.order_by("-created_at").values_list("id", "match_terms")[:MAX_CANDIDATES])
    unread = [case_id for case_id, words in stored.items() if not words]  # cases older than the column
    for case_id, title, content in Case.objects.filter(pk__in=unread).values_list("id", "title", "content"):
        stored[case_id] = match_terms(title, content)
    close = []
    for case_id, words in stored.items():
        share = overlap(terms, set(words.split()))
        if share >= MIN_OVERLAP:
            close.append((share, case_id))
    if not close:
        return []
    close.sort(key=lambda pair: pair[0], reverse=True)
    chosen = [case_id for _share, case_id in close[:MAX_SCORED]]
    details = {row["id"]: row for row in Case.objects.filter(pk__in=chosen).values(
        "id", "tracking_code", "title", "content", "address_text", "ward_id", "lat", "lon", "created_at",
        "category__code", "category_confirmed", "routing_confidence")}
    new = duplicates.Message(f"{case.title} . {case.content}", address=case.address_text,
                             ward_code=ward_code_for(case.ward_id), lat=case.lat, lon=case.lon, at=at,
                             category=category)
    found = []
    for case_id in chosen:
        row = details[case_id]
        other = duplicates.Message(
            f"{row['title']} . {row['content']}", address=row["address_text"], ward_code=ward_code_for(row["ward_id"]),
            lat=row["lat"], lon=row["lon"], at=row["created_at"],
            category=(row["category__code"], 1.0 if row["category_confirmed"] else float(row["routing_confidence"] or 0))
            if row["category__code"] else None)
        score = duplicates.pair_score(new, other, window)
        if score >= duplicates.threshold():
            found.append(Found(row["id"], row["tracking_code"], round(score, 3)))
    found.sort(key=lambda f: f.score, reverse=True)
    return found
