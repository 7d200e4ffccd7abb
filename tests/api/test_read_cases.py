from datetime import timedelta

from django.utils import timezone

from civicdesk.answers.models import Answer
from civicdesk.petitions import events
from civicdesk.petitions.models import EventAction
from tests.factories import CaseFactory, CategoryFactory


def test_a_case_is_read_by_its_tracking_code_as_people_type_it(client, case):
    case.tracking_code = "K7QD-M3XA"
    case.save()
    events.record(case, EventAction.NOTE, None, "ghi chú nội bộ", is_public=False)
    events.record(case, EventAction.ASSIGNED, None, "Sở Xây dựng", to_status="assigned")
    response = client.get("/api/v1/cases/k7qd m3xa")
    assert response.status_code == 200
    data = response.json()
    assert data["tracking_code"] == case.tracking_code
    assert data["agency"] == {"code": "so-xay-dung", "name": "Sở Xây dựng"}
    assert [e["action"] for e in data["timeline"]] == ["assigned"]
    assert "reporter_phone" not in data


def test_an_unknown_tracking_code_is_404_with_the_error_body(client, db):
    response = client.get("/api/v1/cases/ABCD-EFGH")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_public_list_has_only_published_cases_masked(client, category, agency):
    published = CaseFactory(category=category, agency=agency, is_public=True, status="answered",
                            content="Tôi là Nguyễn Văn An, số 0903123456.", lat=10.776912, lon=106.700987)
    CaseFactory(category=category, agency=agency)
    data = client.get("/api/v1/cases").json()
    assert data["count"] == 1
    [item] = data["items"]
    assert item["tracking_code"] == published.tracking_code
    assert "0903123456" not in item["content"] and "Nguyễn Văn An" not in item["content"]
    assert (item["lat"], item["lon"]) == (10.777, 106.701)


def test_the_public_list_pages_and_filters(client, agency):
    roads = CategoryFactory(code="giao-thong")
    other = CategoryFactory(code="y-te")
    now = timezone.now()
    for i in range(5):
        CaseFactory(category=roads, agency=agency, is_public=True, created_at=now - timedelta(hours=i))
    CaseFactory(category=other, agency=agency, is_public=True)
    first = client.get("/api/v1/cases?category=giao-thong&limit=2").json()
    second = client.get("/api/v1/cases?category=giao-thong&limit=2&offset=2").json()
    assert first["count"] == 5 and len(first["items"]) == 2
    assert {i["tracking_code"] for i in first["items"]}.isdisjoint({i["tracking_code"] for i in second["items"]})
    assert client.get("/api/v1/cases?limit=1000").json()["code"] == "validation_error"


def test_the_total_is_counted_up_to_a_cap_and_says_so(client, agency, monkeypatch, django_assert_num_queries):
    from civicdesk.api import paging

    monkeypatch.setattr(paging, "DEFAULT_CAP", 3)
    for _ in range(5):
        CaseFactory(agency=agency, is_public=True)
    capped = client.get("/api/v1/cases?limit=2").json()
    assert (capped["count"], capped["count_capped"], len(capped["items"])) == (3, True, 2)
    narrow = client.get("/api/v1/cases?limit=2&status=nonsense")
    assert narrow.status_code == 422
    # the last page knows the exact total without counting (one query: the page itself)
    with django_assert_num_queries(1):
        last = client.get("/api/v1/cases?limit=4&offset=2").json()
    assert (last["count"], last["count_capped"], len(last["items"])) == (5, False, 3)
    past_the_end = client.get("/api/v1/cases?limit=4&offset=9").json()
    assert (past_the_end["count"], past_the_end["count_capped"], past_the_end["items"]) == (3, True, [])


def test_published_answers_are_listed_and_drafts_are_not(client, case, officer, lead):
    case.is_public = True
    case.save()
    Answer.objects.create(case=case, author=officer, body="Đã sửa. Gọi 0903123456", public_body="Đã sửa.",
                          state="approved", approved_by=lead, approved_at=timezone.now())
    Answer.objects.create(case=case, author=officer, body="bản nháp", state="draft")
    data = client.get("/api/v1/answers").json()
    assert [a["body"] for a in data["items"]] == ["Đã sửa."]


def test_reference_lists(client, category, agency):
    from tests.factories import WardFactory

    WardFactory(code="26734", name="Phường Sài Gòn")
    assert [c["code"] for c in client.get("/api/v1/categories").json()] == ["ha-tang-do-thi"]
    assert [a["code"] for a in client.get("/api/v1/agencies").json()] == ["so-xay-dung"]
    wards = client.get("/api/v1/wards?q=Sài Gòn").json()
    assert wards == [{"code": "26734", "name": "Phường Sài Gòn", "province": "79"}]


def test_openapi_document_and_docs_are_served(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/cases" in schema["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert "cdn.jsdelivr" not in docs.content.decode()  # Swagger UI from our own static files


def test_dates_with_any_iso_offset_are_compared_in_utc(client, agency):
    """ISO 8601 allows offsets PostgreSQL refuses (±16:00 and beyond): found by schemathesis."""
    case = CaseFactory(agency=agency, is_public=True, created_at=timezone.now() - timedelta(days=1))
    two_days_ago = (timezone.now() - timedelta(days=2)).astimezone(timezone.get_fixed_timezone(-21 * 60 - 36))
    response = client.get("/api/v1/cases", {"created_after": two_days_ago.isoformat()})
    assert response.status_code == 200
    assert [c["tracking_code"] for c in response.json()["items"]] == [case.tracking_code]
    assert client.get("/api/v1/cases", {"created_after": "0087-03-29T21:40:56-21:36"}).status_code == 200
    response = client.get("/api/v1/cases", {"created_before": "0001-01-01T00:00:00+05:00"})
    assert response.status_code == 422  # before year 1 in UTC: out of range, said so
