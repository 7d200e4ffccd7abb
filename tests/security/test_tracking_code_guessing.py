"""Issue 12 item 5: every endpoint that takes a tracking code counts misses against one limit —
tracking page, rating, reopening, the secret link, REST (API keys included) and Open311 (which also
caps how many codes one request may ask for)."""

import pytest

from civicdesk.petitions.code_lookups import MAX_CODES_PER_REQUEST
from civicdesk.petitions.tracking import ALPHABET
from tests.petitions.factories import CitizenCaseFactory

UNKNOWN = ["ABCD-EFG2", "ABCD-EFG3", "ABCD-EFG4", "ABCD-EFG5"]


@pytest.fixture
def real(db):
    return CitizenCaseFactory()


def test_reopen_and_rate_misses_count_and_then_a_real_code_is_refused(client, real, settings):
    settings.RATE_TRACKING_MISS = "2/min"
    statuses = [client.post(f"/quy-trinh/mo-lai/{UNKNOWN[0]}/", {"reason": "x"}).status_code,
                client.post(f"/quy-trinh/danh-gia/{UNKNOWN[1]}/", {"score": "5"}).status_code]
    assert statuses == [404, 404]
    # The limit is used up: a real code now answers exactly like an unknown one, on every endpoint.
    assert client.post(f"/quy-trinh/mo-lai/{real.tracking_code}/", {"reason": "x"}).status_code == 429
    assert client.get(f"/tra-cuu/{real.tracking_code}/").status_code == 429
    assert client.get(f"/api/v1/cases/{real.tracking_code}").status_code == 429


def test_misses_on_one_endpoint_use_up_the_others(client, real, settings):
    settings.RATE_TRACKING_MISS = "3/min"
    assert client.get(f"/tra-cuu/{UNKNOWN[0]}/").status_code == 404
    assert client.get(f"/api/v1/cases/{UNKNOWN[1]}").status_code == 404
    assert client.get(f"/open311/v2/requests/{UNKNOWN[2]}.json").status_code == 404
    assert client.get(f"/open311/v2/requests/{real.tracking_code}.json").status_code == 429


def test_a_wrong_secret_link_counts_as_a_miss(client, real, settings):
    settings.RATE_TRACKING_MISS = "1/min"
    assert client.get(f"/tra-cuu/{real.tracking_code}/nguoi-gui/{'1' * 32}/").status_code == 403
    assert client.get(f"/tra-cuu/{real.tracking_code}/").status_code == 429


def test_an_api_key_does_not_lift_the_miss_limit_on_rest(client, real, api_key, settings):
    settings.RATE_TRACKING_MISS = "2/min"
    headers = {"HTTP_X_API_KEY": api_key}
    assert [client.get(f"/api/v1/cases/{c}", **headers).status_code for c in UNKNOWN[:2]] == [404, 404]
    assert client.get(f"/api/v1/cases/{real.tracking_code}", **headers).status_code == 429


def test_an_api_key_does_not_lift_the_miss_limit_on_open311(client, real, api_key, settings):
    settings.RATE_TRACKING_MISS = "3/min"
    ids = ",".join(UNKNOWN[:3])
    response = client.get("/open311/v2/requests.json", {"service_request_id": ids, "api_key": api_key})
    assert response.status_code == 200 and response.json() == []
    again = client.get("/open311/v2/requests.json", {"service_request_id": real.tracking_code, "api_key": api_key})
    assert again.status_code == 429


def test_open311_caps_the_codes_of_one_request(client, real, api_key):
    many = ",".join(f"ABCD-EFG{symbol}" for symbol in ALPHABET[:MAX_CODES_PER_REQUEST + 1])
    response = client.get("/open311/v2/requests.json", {"service_request_id": many, "api_key": api_key})
    assert response.status_code == 400
    assert f"tối đa {MAX_CODES_PER_REQUEST}" in response.json()[0]["description"]
    ok = client.get("/open311/v2/requests.json", {"service_request_id": real.tracking_code, "api_key": api_key})
    assert ok.status_code == 200 and ok.json()[0]["service_request_id"] == real.tracking_code
