import pytest

from civicdesk.api.models import ApiClient
from civicdesk.petitions.models import Case, CaseEvent, EventAction, Status
from tests.factories import WardFactory

URL = "/api/v1/cases"
BODY = {
    "content": "Đèn chiếu sáng đường Nguyễn Huệ bị tắt cả tuần nay, buổi tối rất tối và nguy hiểm.",
    "category": "ha-tang-do-thi",
    "address": "Đường Nguyễn Huệ",
    "lat": 10.7745, "lon": 106.7033,
    "reporter_name": "Trần Thị Bình", "reporter_phone": "0912345678", "reporter_email": "binh@example.vn",
}


def _post(client, body=None, **headers):
    return client.post(URL, body or BODY, content_type="application/json", **headers)


def test_it_creates_and_routes_a_case(client, routing_rule, agency):
    response = _post(client)
    assert response.status_code == 201
    data = response.json()
    case = Case.objects.get()
    assert data["tracking_code"] == case.tracking_code
    assert data["status"] == Status.ASSIGNED and data["agency"] == "so-xay-dung"
    assert data["url"].endswith(f"/{case.tracking_code}/") or case.tracking_code in data["url"]
    assert case.channel == "api" and case.title.startswith("Đèn chiếu sáng đường Nguyễn Huệ")
    assert case.reporter_phone == "0912345678"


def test_repeating_with_the_same_idempotency_key_returns_the_first_result(client, routing_rule):
    first = _post(client, HTTP_IDEMPOTENCY_KEY="don-1022-001")
    again = _post(client, HTTP_IDEMPOTENCY_KEY="don-1022-001")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Case.objects.count() == 1
    assert CaseEvent.objects.filter(action=EventAction.CREATED).count() == 1


def test_different_idempotency_keys_create_different_cases(client, routing_rule):
    _post(client, HTTP_IDEMPOTENCY_KEY="a")
    _post(client, HTTP_IDEMPOTENCY_KEY="b")
    assert Case.objects.count() == 2


def test_a_ward_code_is_accepted(client, routing_rule):
    ward = WardFactory(code="26734", name="Phường Sài Gòn")
    assert _post(client, {**BODY, "ward": "26734"}).status_code == 201
    assert Case.objects.get().ward == ward


@pytest.mark.parametrize("change, code", [
    ({"content": ""}, "validation_error"),
    ({"content": "   "}, "validation_error"),
    ({"content": "x" * 4001}, "validation_error"),
    ({"reporter_email": "khong-phai-thu"}, "validation_error"),
    ({"lat": 100}, "validation_error"),
    ({"kind": "khac"}, "validation_error"),
    ({"category": "khong-co"}, "unknown_category"),
    ({"ward": "99999"}, "unknown_ward"),
])
def test_invalid_bodies_get_a_consistent_error(client, routing_rule, change, code):
    response = _post(client, {**BODY, **change})
    assert response.status_code == 422
    data = response.json()
    assert data["code"] == code and data["detail"]
    assert not Case.objects.exists()


def test_without_category_the_case_waits_for_triage(client, db):
    body = {k: v for k, v in BODY.items() if k != "category"}
    assert _post(client, body).json()["status"] == Status.TRIAGE


def test_a_wrong_api_key_is_401_and_a_good_one_is_rate_limited(client, routing_rule):
    assert _post(client, HTTP_X_API_KEY="cdsai.sai").json()["code"] == "invalid_api_key"
    _row, key = ApiClient.issue("app", rate_limit_per_minute=1)
    assert _post(client, HTTP_X_API_KEY=key).status_code == 201
    limited = _post(client, HTTP_X_API_KEY=key)
    assert limited.status_code == 429
    assert limited.json()["code"] == "rate_limited"
