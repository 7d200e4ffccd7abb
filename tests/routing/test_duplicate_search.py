"""Duplicate search at intake: through the real intake path and a real database."""

import io
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from civicdesk.petitions.models import Case, Status
from civicdesk.routing.duplicate_search import match_terms, overlap
from civicdesk.routing.models import PossibleDuplicate
from civicdesk.workflow.intake import NewCase, submit
from tests.factories import AgencyFactory, CategoryFactory, RoutingRuleFactory

FLOOD = ("Ngập nặng trước nhà", "Đường Lê Thánh Tôn đoạn trước số 120 ngập sâu nửa bánh xe mỗi khi mưa, "
         "cống thoát nước bị nghẹt rác, xe máy chết máy giữa đường.")
FLOOD_AGAIN = ("ngap duong Le Thanh Ton", "Doan truoc so 120 Le Thanh Ton mua xuong la ngap sau, cong bi nghet rac, "
               "xe may chet may hang loat.")
NOISE = ("Karaoke ồn ào ban đêm", "Quán karaoke trong hẻm hát đến 1 giờ sáng, loa công suất lớn, trẻ nhỏ không ngủ được.")


@pytest.fixture
def drains(db):
    category = CategoryFactory(code="ha-tang", name="Hạ tầng đô thị", scope="ngập, cống, thoát nước")
    RoutingRuleFactory(category=category, agency=AgencyFactory(code="so-xay-dung"))
    return category


def _submit(title_content, ward, category, at=None):
    title, content = title_content
    case, created = submit(NewCase(title=title, content=content, ward=ward, category=category,
                                   address_text="Lê Thánh Tôn", created_at=at))
    assert created
    return case


def test_match_terms_are_the_folded_content_words_once():
    terms = match_terms("Ngập nặng", "Đường ngập, NGẬP sâu; cống nghẹt").split()
    assert terms.count("ngap") == 1
    assert {"ngap", "nang", "cong", "nghet"} <= set(terms)
    assert overlap(set(match_terms(*FLOOD).split()), set(match_terms(*FLOOD_AGAIN).split())) >= 0.2


def test_a_repeated_report_in_the_same_ward_is_found(drains, wards):
    ward = wards["26743"]
    first = _submit(FLOOD, ward, drains)
    second = _submit(FLOOD_AGAIN, ward, drains)
    [found] = PossibleDuplicate.objects.filter(case=second)
    assert found.earlier == first
    assert 0.35 <= found.score <= 1.0
    assert second.match_terms and first.match_terms
    assert not PossibleDuplicate.objects.filter(case=first).exists()


def test_other_problems_other_wards_and_finished_cases_are_not_suggested(drains, wards):
    ward, elsewhere = wards["26743"], wards["26882"]
    _submit(NOISE, ward, drains)
    _submit(FLOOD, elsewhere, drains)
    closed = _submit(FLOOD, ward, drains)
    Case.objects.filter(pk=closed.pk).update(status=Status.CLOSED)
    new = _submit(FLOOD_AGAIN, ward, drains)
    assert not PossibleDuplicate.objects.filter(case=new).exists()


def test_an_old_report_outside_the_window_is_a_new_incident(drains, wards, settings):
    settings.DUPLICATE_WINDOW_HOURS = 72
    ward = wards["26743"]
    now = timezone.now()
    _submit(FLOOD, ward, drains, at=now - timedelta(days=5))
    new = _submit(FLOOD_AGAIN, ward, drains, at=now)
    assert not PossibleDuplicate.objects.filter(case=new).exists()


def test_cases_stored_before_match_terms_existed_are_still_compared(drains, wards):
    ward = wards["26743"]
    first = _submit(FLOOD, ward, drains)
    Case.objects.filter(pk=first.pk).update(match_terms="")
    second = _submit(FLOOD_AGAIN, ward, drains)
    assert PossibleDuplicate.objects.filter(case=second, earlier=first).exists()


def _statements(queries) -> list[str]:
    out = []
    for query in queries.captured_queries:
        verb = query["sql"].split()[0].upper()
        table = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', query["sql"])
        if verb in {"SELECT", "INSERT", "UPDATE", "DELETE"}:
            out.append(f"{verb} {table[1]}")
    return out


def test_intake_reads_and_writes_little(drains, wards, settings, django_capture_on_commit_callbacks):
    """The hot path: with reference data already in memory, a new case with a known category and
    ward costs two INSERTs (case, events) in the request. The duplicate search is a task after the
    commit, published with the dashboard's refresh: it reads the case and the candidates (with what
    the pair score needs of them) and inserts only what it finds."""
    from civicdesk.routing.tasks import find_possible_duplicates

    settings.CELERY_TASK_ALWAYS_EAGER = False  # as in production: a worker runs the tasks after commit
    ward = wards["26743"]
    _submit(NOISE, ward, drains)  # builds the per-process copies (and creates the settings row)
    _submit(NOISE, ward, drains)  # a repeat: reads the wards' codes once
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks() as after_commit:
        first = _submit(FLOOD, ward, drains)
    assert _statements(queries) == ["INSERT petitions_case", "INSERT petitions_caseevent"]
    assert len(after_commit) == 3  # the dashboard's refresh, the masking, the duplicate search

    def search_of(callbacks):  # type: ignore[no-untyped-def]
        """The published task, run here as a worker would."""
        [(task, *args)] = [c.args for c in callbacks if getattr(c, "args", ())[:1] == (find_possible_duplicates,)]
        return lambda: task.apply(args).get()

    search_of(after_commit)()  # the first in this process also reads the category codes
    assert not PossibleDuplicate.objects.filter(case=first).exists()
    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks() as after_commit:
        second = _submit(FLOOD_AGAIN, ward, drains)
    assert _statements(queries) == ["INSERT petitions_case", "INSERT petitions_caseevent"]
    search_of(after_commit)()  # the first to score a pair here also reads the wards' codes
    with CaptureQueriesContext(connection) as queries:
        search_of(after_commit)()  # run twice (a retry, a redelivery): the pair is stored once
    assert _statements(queries) == ["SELECT petitions_case", "SELECT petitions_case", "INSERT routing_possibleduplicate"]
    assert list(PossibleDuplicate.objects.filter(case=second).values_list("earlier", flat=True)) == [first.pk]


def test_cases_loaded_in_bulk_get_their_words_and_suggestions(drains, wards):
    from django.core.management import call_command

    from tests.factories import CaseFactory

    now = timezone.now()
    ward = wards["26743"]
    first = CaseFactory(title=FLOOD[0], content=FLOOD[1], ward=ward, category=drains, status=Status.ASSIGNED,
                        created_at=now - timedelta(hours=5), match_terms="")
    again = CaseFactory(title=FLOOD_AGAIN[0], content=FLOOD_AGAIN[1], ward=ward, category=drains,
                        status=Status.ASSIGNED, created_at=now - timedelta(hours=2), match_terms="")
    call_command("find_duplicates", "--days", "1", stdout=io.StringIO())
    assert list(PossibleDuplicate.objects.values_list("case", "earlier")) == [(again.pk, first.pk)]
    first.refresh_from_db()
    assert "ngap" in first.match_terms.split()
    out = io.StringIO()
    call_command("find_duplicates", "--days", "1", stdout=out)  # again: nothing new
    assert PossibleDuplicate.objects.count() == 1
    assert "0" in out.getvalue().split("ghi")[1]


def test_the_same_street_is_scored_before_the_same_problem_in_other_streets(drains, wards):
    ward = wards["26743"]
    # four reports of blocked drains in other streets of the ward, all sharing the words
    for street in ("Pasteur", "Nam Kỳ Khởi Nghĩa", "Hai Bà Trưng", "Lý Tự Trọng"):
        submit(NewCase(title="Ngập nặng trước nhà", content=f"Đường {street} đoạn trước số 120 ngập sâu nửa bánh "
                       "xe mỗi khi mưa, cống thoát nước bị nghẹt rác, xe máy chết máy giữa đường.",
                       ward=ward, category=drains, address_text=street))
    first = _submit(FLOOD, ward, drains)
    second = _submit(FLOOD_AGAIN, ward, drains)
    assert "p_le_thanh_ton" in second.match_terms.split()
    found = PossibleDuplicate.objects.filter(case=second)
    assert [f.earlier for f in found] == [first]
