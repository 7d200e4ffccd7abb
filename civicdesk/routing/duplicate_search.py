"""Duplicate search for every new case: earlier open cases about the same incident.

It runs for every new case — once intake has committed it (`record_for`, a task with a broker, in the
request without one) — so it reads little: the latest open cases of the same place (the ward, or
near the map point, or else the same category) within the time window, compares the content
words stored with each (`Case.match_terms`) with the new case's, and gives only the closest few
the full pair score of `duplicates.pair_score`. What it finds is stored as `PossibleDuplicate`
rows for a person to confirm with one click."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import connection
from django.utils import timezone

from civicdesk.organisation.lookup import ward_code_for
from civicdesk.petitions.categories import category_code_for
from civicdesk.routing import duplicates, places

# The latest open cases of the same place read from the database.
MAX_CANDIDATES = 30
# Without any place (the hotline console before the address is typed): the latest open cases of the city.
ANYWHERE_CANDIDATES = 400
# Of those, the ones sharing most words get the full score.
MAX_SCORED = 3
# Share of the shorter message's content words found in the other, below which a candidate is not
# scored. Besides saving time it keeps apart two problems at the same address (a karaoke complaint
# and a flood on one street share the place, not the words), which the pair score alone, weighing
# the place heavily, would link. On the development pairs it loses one duplicate, a paraphrase
# sharing 8 % of its words (`bench/routing/duplicate_prefilter.py`, docs/benchmarks.md).
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
    """The places a message names ("p_nguyen_thai_son", `places.py`), then its content words, folded,
    each once, in order (stored with the case)."""
    seen: dict[str, None] = dict.fromkeys(places.extract(f"{title} . {content}").terms())
    # The same text as the pair score's `Message.text`: normalised once for both (`duplicates.folded`).
    for word in duplicates.content_words(duplicates.folded(f"{title} . {content}")):
        seen.setdefault(word, None)
        if len(seen) >= MAX_TERMS:
            break
    return " ".join(seen)


def overlap(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def find_for_new_case(case: Any, at: datetime, category: tuple[str | None, float] | None = None, *,
                      anywhere: bool = False, keep: int = MAX_SCORED) -> list[Found]:
    """Earlier open cases that look like the same incident as the unsaved `case`, best first.
    Without a place (ward, map point or category) nothing is compared, unless `anywhere`: then the
    latest ANYWHERE_CANDIDATES open cases of the city are."""
    terms = set((case.match_terms or match_terms(case.title, case.content)).split())
    if not terms:
        return []
    if case.ward_id:
        place, place_params = "ward_id = %s", [case.ward_id]
    elif case.lat is not None and case.lon is not None:
        place = "lat BETWEEN %s AND %s AND lon BETWEEN %s AND %s"
        place_params = [case.lat - NEAR_DEGREES, case.lat + NEAR_DEGREES, case.lon - NEAR_DEGREES, case.lon + NEAR_DEGREES]
    elif case.category_id:
        place, place_params = "category_id = %s", [case.category_id]
    elif anywhere:
        place, place_params = "1 = 1", []
    else:
        return []
    window = duplicates.window_hours()
    limit = MAX_CANDIDATES if place_params else ANYWHERE_CANDIDATES
    # One read: the candidates' stored words and what the pair score needs of the closest ones (a few
    # hundred bytes a row), instead of a second round trip for those.
    rows = {row[0]: row for row in _candidates(place, place_params, at - timedelta(hours=window), at, case.pk, limit)}
    stored = {case_id: row[1] for case_id, row in rows.items()}
    for case_id, words in stored.items():
        if not words:  # cases older than the column
            stored[case_id] = match_terms(rows[case_id][CANDIDATE_COLUMNS.index("title")],
                                          rows[case_id][CANDIDATE_COLUMNS.index("content")])
    own_places = {term for term in terms if term.startswith(places.TERM_PREFIX)}
    close = []
    for case_id, words in stored.items():
        their_words = set(words.split())
        share = overlap(terms, their_words)
        if share >= MIN_OVERLAP:
            # Those naming the same street or landmark first: in a busy ward the closest words are
            # often the same problem in other streets, which would crowd out the real duplicate.
            close.append((bool(own_places & their_words), share, case_id))
    if not close:
        return []
    close.sort(key=lambda found: found[:2], reverse=True)
    chosen = [case_id for _place, _share, case_id in close[:max(keep, MAX_SCORED)]]
    new = duplicates.Message(f"{case.title} . {case.content}", address=case.address_text,
                             ward_code=ward_code_for(case.ward_id), lat=case.lat, lon=case.lon, at=at,
                             category=category)
    found = []
    for case_id in chosen:
        fields = dict(zip(CANDIDATE_COLUMNS, rows[case_id], strict=True))
        # Within the time window by the query: no `at` needed for the pair.
        other = duplicates.Message(
            f"{fields['title']} . {fields['content']}", address=fields["address_text"],
            ward_code=ward_code_for(fields["ward_id"]), lat=fields["lat"], lon=fields["lon"],
            category=duplicates.case_category(category_code_for(fields["category_id"]), fields["category_confirmed"],
                                              fields["routing_confidence"]))
        score = duplicates.pair_score(new, other, window)
        if score >= duplicates.threshold():
            found.append(Found(fields["id"], fields["tracking_code"], round(score, 3)))
    found.sort(key=lambda f: f.score, reverse=True)
    return found


CANDIDATE_COLUMNS = ["id", "match_terms", "tracking_code", "title", "content", "address_text", "ward_id", "lat", "lon",
                     "category_id", "category_confirmed", "routing_confidence"]


# The read below runs for every new case. It is plain SQL on purpose: building the same
# queries with the ORM cost more than running them (about 1 ms of 3 per case, measured with
# line_profiler on PostgreSQL); the columns are those of `petitions.Case`.

def _candidates(place: str, params: list, since: datetime, until: datetime, exclude_id: int | None,
                limit: int) -> list:
    """CANDIDATE_COLUMNS of the latest open, not merged cases of the place within the window."""
    from civicdesk.petitions.models import FINISHED_STATUSES, Case

    ops = connection.ops
    finished = ", ".join(["%s"] * len(FINISHED_STATUSES))
    sql = (f"SELECT {', '.join(CANDIDATE_COLUMNS)} FROM {Case._meta.db_table} WHERE {place} AND created_at >= %s AND created_at <= %s"
           f" AND duplicate_of_id IS NULL AND status NOT IN ({finished}) AND id <> %s"
           f" ORDER BY created_at DESC LIMIT {int(limit)}")
    values = [*params, ops.adapt_datetimefield_value(since), ops.adapt_datetimefield_value(until),
              *[str(status) for status in FINISHED_STATUSES], exclude_id or 0]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        return cursor.fetchall()


def record_for(case_id: int) -> list[Found]:
    """Search the possible duplicates of a stored case among the open cases received up to it, and
    store them as `PossibleDuplicate` rows. Safe to run twice (a pair is stored once). Intake calls
    it after the commit: the citizen's answer (status, agency, deadline) does not depend on it."""
    from civicdesk.petitions.models import Case
    from civicdesk.routing.models import PossibleDuplicate

    case = (Case.objects.filter(pk=case_id)
            .only("id", "title", "content", "match_terms", "address_text", "ward_id", "lat", "lon", "category_id",
                  "category_confirmed", "routing_confidence", "created_at").first())
    if case is None:  # erased or deleted since
        return []
    category = duplicates.case_category(category_code_for(case.category_id), case.category_confirmed,
                                        case.routing_confidence)
    found = find_for_new_case(case, case.created_at, category)
    PossibleDuplicate.objects.bulk_create(
        [PossibleDuplicate(case_id=case.pk, earlier_id=f.case_id, score=f.score, created_at=case.created_at)
         for f in found], ignore_conflicts=True)
    return found


def backfill(since: datetime, until: datetime | None = None) -> tuple[int, int]:
    """For cases written without intake (bulk imports, the demo's generator): store their words
    and look for possible duplicates among the open cases received in [since, until], oldest
    first, each compared with what was open before it. Returns (cases read, suggestions stored)."""
    from civicdesk.petitions.models import FINISHED_STATUSES, Case
    from civicdesk.routing.models import PossibleDuplicate

    until = until or timezone.now()
    blank = Case.objects.filter(match_terms="", created_at__gte=since - timedelta(hours=duplicates.window_hours()))
    for case in blank.only("id", "title", "content").iterator(chunk_size=500):
        Case.objects.filter(pk=case.pk).update(match_terms=match_terms(case.title, case.content))
    recent = (Case.objects.filter(created_at__gte=since, created_at__lte=until, duplicate_of__isnull=True)
              .exclude(status__in=FINISHED_STATUSES).order_by("created_at"))
    read = stored = 0
    for case in recent.iterator(chunk_size=500):
        read += 1
        category = duplicates.case_category(category_code_for(case.category_id), case.category_confirmed,
                                            case.routing_confidence)
        found = find_for_new_case(case, case.created_at - timedelta(seconds=1), category)
        known = set(PossibleDuplicate.objects.filter(case=case).values_list("earlier_id", flat=True))
        new = [PossibleDuplicate(case=case, earlier_id=f.case_id, score=f.score, created_at=case.created_at)
               for f in found if f.case_id not in known]
        PossibleDuplicate.objects.bulk_create(new, ignore_conflicts=True)  # a concurrent run may have stored them
        stored += len(new)
    return read, stored
