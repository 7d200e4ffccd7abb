from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from civicdesk.answers.models import Answer
from tests.factories import CaseFactory, CategoryFactory
from tests.open311.conftest import BASE, errors, records

REQUEST_FIELDS = {
    "service_request_id", "status", "status_notes", "service_name", "service_code", "description",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime",
    "address", "address_id", "zipcode", "lat", "long", "media_url",
}


def _get(client, fmt, query=""):
    return records(client.get(f"{BASE}/requests.{fmt}{query}"), fmt, "service_requests", "request")


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_list_returns_published_cases_with_every_standard_field(client, published_case, case, fmt):
    found = _get(client, fmt)
    assert [r["service_request_id"] for r in found] == [published_case.tracking_code]
    request = found[0]
    assert set(request) == REQUEST_FIELDS
    assert request["status"] == "closed"
    assert request["service_code"] == "ha-tang-do-thi"
    assert request["agency_responsible"] == "Sở Xây dựng"
    assert request["requested_datetime"].endswith("+07:00")
    assert float(request["lat"]) == 10.777  # rounded to ~100 m (issue 12)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_get_never_exposes_name_email_or_phone(client, published_case, fmt):
    response = client.get(f"{BASE}/requests/{published_case.tracking_code}.{fmt}")
    text = response.content.decode("utf-8")
    for secret in ("Nguyễn Văn An", "an.nguyen@example.vn", "0903123456"):
        assert secret not in text
    assert "N.V.A." not in text and "tôi là ***" in text  # names masked whole, never as initials


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_status_filter_maps_our_states_to_open_and_closed(client, category, agency, fmt):
    open_case = CaseFactory(category=category, agency=agency, is_public=True, status="in_progress")
    closed_case = CaseFactory(category=category, agency=agency, is_public=True, status="closed")
    assert [r["service_request_id"] for r in _get(client, fmt, "?status=open")] == [open_case.tracking_code]
    assert [r["service_request_id"] for r in _get(client, fmt, "?status=closed")] == [closed_case.tracking_code]
    assert {r["status"] for r in _get(client, fmt)} == {"open", "closed"}


def test_service_code_filter_accepts_a_comma_list(client, published_case, agency):
    other = CaseFactory(category=CategoryFactory(code="moi-truong"), agency=agency, is_public=True)
    CaseFactory(category=CategoryFactory(code="y-te"), agency=agency, is_public=True)
    found = {r["service_request_id"] for r in _get(client, "json", "?service_code=ha-tang-do-thi,moi-truong")}
    assert found == {published_case.tracking_code, other.tracking_code}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_date_range_filters_on_requested_datetime(client, category, agency, fmt):
    now = timezone.now()
    old = CaseFactory(category=category, agency=agency, is_public=True, created_at=now - timedelta(days=30))
    CaseFactory(category=category, agency=agency, is_public=True, created_at=now - timedelta(days=2))
    start = quote((now - timedelta(days=40)).isoformat())
    end = quote((now - timedelta(days=20)).isoformat())
    found = _get(client, fmt, f"?start_date={start}&end_date={end}")
    assert [r["service_request_id"] for r in found] == [old.tracking_code]


def test_without_dates_only_the_last_90_days_are_listed(client, category, agency):
    CaseFactory(category=category, agency=agency, is_public=True, created_at=timezone.now() - timedelta(days=91))
    recent = CaseFactory(category=category, agency=agency, is_public=True)
    assert [r["service_request_id"] for r in _get(client, "json")] == [recent.tracking_code]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_search_comes_a_page_at_a_time(client, category, agency, fmt, monkeypatch):
    from civicdesk.open311 import service_requests

    monkeypatch.setattr(service_requests, "DEFAULT_PAGE_SIZE", 2)
    now = timezone.now()
    codes = [CaseFactory(category=category, agency=agency, is_public=True, created_at=now - timedelta(hours=i)
                         ).tracking_code for i in range(5)]

    def listed(query):
        return [r["service_request_id"] for r in _get(client, fmt, query)]

    assert listed("") == codes[:2]
    assert listed("?page=2") == codes[2:4]
    assert listed("?page=3&page_size=2") == codes[4:]
    assert listed("?page_size=4&page=2") == codes[4:]
    assert listed("?page=9") == []
    for bad in ("?page=0", "?page_size=1001", "?page=hai", "?page_size=-3"):
        response = client.get(f"{BASE}/requests.{fmt}{bad}")
        assert response.status_code == 400
        assert "từ 1 đến" in errors(response, fmt)[0]["description"]


def test_offset_in_a_date_may_arrive_unencoded(client, published_case):
    response = client.get(f"{BASE}/requests.json?start_date=2020-01-01T00:00:00+07:00")
    assert response.status_code == 200


def test_any_iso_offset_is_accepted_and_year_zero_is_refused(client, published_case):
    # ISO 8601 allows offsets PostgreSQL refuses (beyond ±15:59): compared in UTC
    assert client.get(f"{BASE}/requests.json?start_date={quote('0087-03-29T21:40:56-21:36')}").status_code == 200
    assert client.get(f"{BASE}/requests.json?start_date={quote('0001-01-01T00:00:00+05:00')}").status_code == 400


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("query", ["?status=dang-xu-ly", "?start_date=hom-qua", "?end_date=2026-13-45",
                                   "?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z"])
def test_bad_query_is_400(client, db, fmt, query):
    response = client.get(f"{BASE}/requests.{fmt}{query}")
    assert response.status_code == 400
    assert errors(response, fmt)[0]["code"] == "400"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_service_request_id_finds_any_case_and_ignores_other_filters(client, case, published_case, fmt):
    query = f"?service_request_id={case.tracking_code},{published_case.tracking_code}&status=open"
    found = {r["service_request_id"] for r in _get(client, fmt, query)}
    assert found == {case.tracking_code, published_case.tracking_code}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_single_request_by_id(client, case, fmt):
    response = client.get(f"{BASE}/requests/{case.tracking_code}.{fmt}")
    assert response.status_code == 200
    [request] = records(response, fmt, "service_requests", "request")
    assert request["service_request_id"] == case.tracking_code
    assert request["status"] == "open"
    assert set(request) == REQUEST_FIELDS


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_request_is_404(client, db, fmt):
    response = client.get(f"{BASE}/requests/ABCD-EFGH.{fmt}")
    assert response.status_code == 404
    assert errors(response, fmt)[0]["code"] == "404"


def test_status_notes_carry_the_published_answer(client, published_case, officer, lead):
    Answer.objects.create(case=published_case, author=officer, body="Đã thay nắp cống. Nguyễn Văn An",
                          public_body="Đã thay nắp cống.", state="approved", approved_by=lead,
                          approved_at=timezone.now())
    [request] = _get(client, "json", f"?service_request_id={published_case.tracking_code}")
    assert request["status_notes"] == "Đã thay nắp cống."


def test_wrong_api_key_on_get_is_403(client, published_case):
    response = client.get(f"{BASE}/requests.json?api_key=cdsai.sai")
    assert response.status_code == 403


def test_listing_does_not_query_once_per_request(client, category, agency, officer, lead,
                                                 django_assert_max_num_queries):
    for _ in range(10):
        case = CaseFactory(category=category, agency=agency, is_public=True, status="answered")
        Answer.objects.create(case=case, author=officer, body="Đã xử lý.", public_body="Đã xử lý.",
                              state="approved", approved_by=lead, approved_at=timezone.now())
    with django_assert_max_num_queries(6):
        found = _get(client, "json")
    assert len(found) == 10 and {r["status_notes"] for r in found} == {"Đã xử lý."}
