"""Every list page, the case pages, the APIs and the exports answer in a fixed number of queries,
whatever the number of cases shown (the NetBox way: a baseline per page). Each test counts the
queries of one request with a few cases, adds cases of other categories, wards, agencies' officers,
answers and events, and counts again: an N+1 query shows as a difference, a new query as a count
over the page's ceiling. `-k query_count` selects them."""

from datetime import timedelta
from itertools import count

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from civicdesk.accounts.models import Role
from civicdesk.answers.models import Answer, Rating
from civicdesk.api.models import StaffApiToken
from civicdesk.petitions.models import Case, CaseEvent, EventAction, Status
from civicdesk.workflow.models import WorkflowSettings
from tests.factories import CaseFactory, CategoryFactory, UserFactory, WardFactory

_serial = count()


def _spread(agency, officer, lead, n: int) -> None:
    """`n` cases in every shape the pages list, each with its own category and ward."""
    now = timezone.now()
    for _ in range(n):
        i = next(_serial)
        category, ward = CategoryFactory(), WardFactory()
        reporter = UserFactory(role=Role.CITIZEN)
        common = {"category": category, "ward": ward, "user": reporter}
        CaseFactory(status=Status.TRIAGE, agency=None, **common)
        CaseFactory(status=Status.ASSIGNED, agency=agency, due_at=now + timedelta(days=9), **common)
        CaseFactory(status=Status.ASSIGNED, agency=agency, due_at=now - timedelta(days=2), **common)
        working = CaseFactory(status=Status.IN_PROGRESS, agency=agency, assignee=officer,
                              due_at=now + timedelta(hours=3), **common)
        CaseEvent.objects.create(case=working, action=EventAction.NOTE, actor=officer, created_at=now,
                                 note=f"ghi chú {i}", is_public=False)
        waiting = CaseFactory(status=Status.AWAITING_APPROVAL, agency=agency, assignee=officer,
                              due_at=now + timedelta(days=4), **common)
        Answer.objects.create(case=waiting, author=officer, body=f"Dự thảo {i}", state=Answer.State.SUBMITTED)
        answered = CaseFactory(status=Status.ANSWERED, agency=agency, assignee=officer, is_public=True,
                               due_at=now + timedelta(days=1), answered_at=now, **common)
        Answer.objects.create(case=answered, author=officer, body=f"Đã xử lý {i}", public_body=f"Đã xử lý {i}",
                              state=Answer.State.APPROVED, approved_by=lead, approved_at=now)
        Rating.objects.create(case=answered, score=4)
        CaseEvent.objects.create(case=answered, action=EventAction.ANSWER_APPROVED, actor=lead, created_at=now,
                                 from_status=Status.AWAITING_APPROVAL, to_status=Status.ANSWERED)


def _get(client: Client, url: str, **headers):
    response = client.get(url, **headers)
    if response.streaming:
        b"".join(response.streaming_content)
    assert response.status_code == 200, (url, response.status_code)
    return response


class Counted(int):
    """A number of queries that shows them when a comparison fails."""

    sql: list[str]

    def __repr__(self) -> str:
        return f"{int(self)} queries:\n  " + "\n  ".join(q[:160] for q in self.sql)


def _counted_of(captured) -> Counted:
    counted = Counted(len(captured.captured_queries))
    counted.sql = [q["sql"] for q in captured.captured_queries]
    return counted


def _queries(client: Client, url: str, **headers) -> Counted:
    _get(client, url, **headers)  # the per-process reference copies are filled by the first request
    with CaptureQueriesContext(connection) as captured:
        _get(client, url, **headers)
    return _counted_of(captured)


def _counted(client: Client, url: str, ceiling: int, django_assert_max_num_queries, **headers) -> Counted:
    _get(client, url, **headers)
    with django_assert_max_num_queries(ceiling) as captured:
        _get(client, url, **headers)
    return _counted_of(captured)


@pytest.fixture
def world(agency, officer, lead, supervisor, operator):
    _spread(agency, officer, lead, 1)
    clients = {}
    for name, user in (("officer", officer), ("lead", lead), ("supervisor", supervisor), ("operator", operator)):
        clients[name] = Client()
        clients[name].force_login(user)
    clients["anonymous"] = Client()
    _token, raw = StaffApiToken.issue(officer, name="test")
    clients["api"] = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}

    def grow() -> None:
        _spread(agency, officer, lead, 3)

    return clients, grow


def _fixed(world, who: str, url: str, ceiling: int, django_assert_max_num_queries, **headers) -> None:
    clients, grow = world
    client = clients[who]
    before = _queries(client, url, **headers)
    grow()
    after = _counted(client, url, ceiling, django_assert_max_num_queries, **headers)
    # fewer is fine: a per-process reference copy (the calendar) may have been read before
    assert after <= before, f"{url}: with few cases {before!r}\nwith more {after!r}"


@pytest.mark.parametrize("tab", ["new", "in_progress", "due_soon", "overdue", "awaiting_approval", "answered"])
def test_query_count_agency_inbox_tab(world, tab, django_assert_max_num_queries):
    _fixed(world, "officer", f"/xu-ly/?tab={tab}", 12, django_assert_max_num_queries)


def test_query_count_agency_inbox_of_a_lead_with_search(world, django_assert_max_num_queries):
    _fixed(world, "lead", "/xu-ly/?tab=answered&q=ng%E1%BA%ADp", 13, django_assert_max_num_queries)


def test_query_count_triage_queue(world, django_assert_max_num_queries):
    _fixed(world, "operator", "/quy-trinh/phan-loai/", 12, django_assert_max_num_queries)


@pytest.mark.parametrize("query", ["", "?status=open", "?sla=overdue", "?q=ng%E1%BA%ADp", "?q=0903123456",
                                   "?status=in_progress&page=1"])
def test_query_count_all_cases(world, query, django_assert_max_num_queries):
    _fixed(world, "supervisor", f"/quy-trinh/ho-so/{query}", 10, django_assert_max_num_queries)


def test_query_count_overdue_by_agency(world, django_assert_max_num_queries):
    _fixed(world, "supervisor", "/quy-trinh/qua-han/", 6, django_assert_max_num_queries)


def test_query_count_extension_requests(world, django_assert_max_num_queries):
    _fixed(world, "supervisor", "/quy-trinh/gia-han/", 6, django_assert_max_num_queries)


@pytest.mark.parametrize("query", ["", "?q=ng%E1%BA%ADp", "?status=answered&trang=1"])
def test_query_count_public_list(world, query, django_assert_max_num_queries):
    _fixed(world, "anonymous", f"/cong-khai/{query}", 7, django_assert_max_num_queries)


def test_query_count_open311_requests(world, django_assert_max_num_queries):
    _fixed(world, "anonymous", "/open311/v2/requests.json?status=closed", 4, django_assert_max_num_queries)
    _fixed(world, "anonymous", "/open311/v2/requests.xml", 4, django_assert_max_num_queries)


def test_query_count_rest_public_list(world, django_assert_max_num_queries):
    _fixed(world, "anonymous", "/api/v1/cases?limit=100", 3, django_assert_max_num_queries)


def test_query_count_rest_staff_list(world, django_assert_max_num_queries):
    clients, _grow = world
    _fixed(world, "anonymous", "/api/v1/staff/cases?limit=100", 4, django_assert_max_num_queries,
           **clients["api"])


@pytest.mark.parametrize("state", ["open", "overdue", "all"])
def test_query_count_dashboard_case_list(world, state, django_assert_max_num_queries):
    _fixed(world, "supervisor", f"/dieu-hanh/ho-so/?state={state}", 12, django_assert_max_num_queries)


def test_query_count_xlsx_export_of_cases(world, django_assert_max_num_queries):
    _fixed(world, "supervisor", "/dieu-hanh/ho-so/?state=open&format=xlsx", 8, django_assert_max_num_queries)


def test_query_count_open_data_csv(world, django_assert_max_num_queries):
    _fixed(world, "anonymous", "/api/v1/open-data/cases.csv", 5, django_assert_max_num_queries)


def test_query_count_my_cases(world, django_assert_max_num_queries):
    reporter = Case.objects.exclude(user=None).first().user
    client = Client()
    client.force_login(reporter)
    before = _queries(client, "/cua-toi/")
    for _ in range(3):
        CaseFactory(user=reporter, category=CategoryFactory(), status=Status.ANSWERED)
    assert _counted(client, "/cua-toi/", 8, django_assert_max_num_queries) <= before


def _add_history(case: Case, actor, lead, n: int) -> None:
    now = timezone.now()
    for i in range(n):
        other = UserFactory(role=Role.OFFICER, agency=case.agency)
        CaseEvent.objects.create(case=case, action=EventAction.NOTE, actor=other, created_at=now, note=f"n{i}",
                                 is_public=False)
        CaseEvent.objects.create(case=case, action=EventAction.STATUS_CHANGED, actor=actor, created_at=now,
                                 from_status=Status.ASSIGNED, to_status=Status.IN_PROGRESS)
        Answer.objects.create(case=case, author=other, body=f"cũ {i}", state=Answer.State.RETURNED)


@pytest.mark.parametrize("page", ["agency", "supervisor", "dashboard"])
def test_query_count_case_page(world, page, officer, lead, django_assert_max_num_queries):
    clients, _grow = world
    case = Case.objects.filter(status=Status.AWAITING_APPROVAL).first()
    client, url = {
        "agency": (clients["officer"], f"/xu-ly/ho-so/{case.tracking_code}/"),
        "supervisor": (clients["supervisor"], f"/quy-trinh/ho-so/{case.tracking_code}/"),
        "dashboard": (clients["supervisor"], f"/dieu-hanh/ho-so/{case.tracking_code}/"),
    }[page]
    before = _queries(client, url)
    _add_history(case, officer, lead, 3)
    after = _counted(client, url, {"agency": 22, "supervisor": 15, "dashboard": 5}[page], django_assert_max_num_queries)
    assert after <= before, f"{url}: with a short history {before!r}\nwith a longer one {after!r}"


def test_query_count_tracking_page(world, officer, lead, django_assert_max_num_queries):
    clients, _grow = world
    case = Case.objects.filter(status=Status.ANSWERED, is_public=True).first()
    url = f"/tra-cuu/{case.tracking_code}/"
    before = _queries(clients["anonymous"], url)
    _add_history(case, officer, lead, 3)
    assert _counted(clients["anonymous"], url, 11, django_assert_max_num_queries) <= before


# --- actions: what one routing and one approval cost, the work after the commit included ---------

def _posted(client: Client, url: str, data: dict, django_capture_on_commit_callbacks) -> Counted:
    """The queries of one POST, with what runs once the transaction commits (the reporter's
    notification, sent in-process without a broker)."""
    with CaptureQueriesContext(connection) as captured, django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, (url, response.status_code)
    return _counted_of(captured)


def _route(client: Client, case: Case, agency, django_capture_on_commit_callbacks) -> Counted:
    prefix = f"t{case.pk}"
    return _posted(client, f"/quy-trinh/ho-so/{case.tracking_code}/triage/", {
        f"{prefix}-category": case.category_id, f"{prefix}-agency": agency.pk, f"{prefix}-priority": "normal",
        f"{prefix}-note": ""}, django_capture_on_commit_callbacks)


def test_query_count_routing_action(world, agency, officer, lead, django_capture_on_commit_callbacks):
    """84–87 queries before (the dashboard refreshed the case once per saved row and event); 25 in a
    request of its own, 29 here (inside the test's transaction every atomic block is a savepoint)."""
    clients, grow = world
    WorkflowSettings.load()  # as in any running city: the singleton exists
    grow()
    first, *others = Case.objects.filter(status=Status.TRIAGE)[:3]
    assert len(others) == 2
    _route(clients["operator"], first, agency, django_capture_on_commit_callbacks)  # per-process copies
    for case in others:
        _add_history(case, officer, lead, 2)
        counted = _route(clients["operator"], case, agency, django_capture_on_commit_callbacks)
        case.refresh_from_db()
        assert (case.status, case.agency_id) == (Status.ASSIGNED, agency.pk)
        assert counted <= 29, counted


def test_query_count_approval(world, agency, officer, lead, django_capture_on_commit_callbacks):
    """Approving publishes the answer, answers the case and tells the reporter (sent in-process): 125
    queries before, 44 in a request of its own, 50 here (savepoints)."""
    clients, grow = world
    WorkflowSettings.load()
    grow()
    waiting = list(Case.objects.filter(status=Status.AWAITING_APPROVAL)[:3])
    assert len(waiting) == 3
    for case in waiting:
        case.reporter_email = "nguoidan@example.org"
        case.save(update_fields=["reporter_email"])
        _add_history(case, officer, lead, 2)
        Answer.objects.filter(case=case, state=Answer.State.RETURNED).delete()
    for number, case in enumerate(waiting):
        counted = _posted(clients["lead"], f"/xu-ly/ho-so/{case.tracking_code}/tra-loi/duyet/", {"note": ""},
                          django_capture_on_commit_callbacks)
        case.refresh_from_db()
        assert (case.status, case.is_public) == (Status.ANSWERED, True)
        assert case.notifications.filter(event="answered").exists()
        if number > 0:  # the first one reads the per-process copies (workflow settings)
            assert counted <= 50, counted


def test_query_count_create_case_through_the_api(routing_rule, category, settings):
    """`POST /api/v1/cases` as in production (a worker runs the tasks): the citizen's answer costs
    the case's INSERT and its events' INSERT, and the receipt's row when there is an e-mail address; the duplicate search, the masking, the dashboard and sending the receipt are
    tasks after the commit, whatever the number of open cases in the ward. Before issue 18's intake
    work: also a SELECT of the duplicate candidates and an INSERT per possible duplicate found."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    client = Client()
    body = {"title": "Cống nghẹt", "content": "Cống trước nhà số 12 Lê Lợi nghẹt rác, nước tràn lên đường.",
            "category": category.code, "ward": WardFactory().code, "reporter_name": "Lê Văn Tám", "reporter_phone": "0903123456"}

    def create_captured(**extra: str) -> list[dict]:
        with CaptureQueriesContext(connection) as captured:
            response = client.post("/api/v1/cases", {**body, **extra}, content_type="application/json")
        assert response.status_code == 201, response.content
        return captured.captured_queries

    def create(**extra: str) -> list[str]:
        # Savepoints left out: the test's transaction turns the request's BEGIN/COMMIT into them.
        return [q["sql"].split(" (")[0] for q in create_captured(**extra)
                if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]

    create()  # the first builds the per-process copies of the categories, the wards and the routing table
    for _ in range(3):  # open cases with the same text in the same ward: possible duplicates of the next
        create()
    assert create() == ['INSERT INTO "petitions_case"', 'INSERT INTO "petitions_caseevent"']
    receipt = [q["sql"] for q in create_captured(reporter_email="le.tam@example.vn")]
    assert [sql.split(" (")[0] for sql in receipt if not sql.startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))] == [
        'INSERT INTO "petitions_case"', 'INSERT INTO "petitions_caseevent"', 'INSERT INTO "notifications_notification"']
    # one savepoint, the request's own (the test's transaction makes it one): none for the receipt
    assert sum(sql.startswith("SAVEPOINT") for sql in receipt) == 1
