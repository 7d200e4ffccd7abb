"""Anonymous callers of the REST API are limited per client IP: sending cases, looking up a case by
its tracking code (guessable by brute force), asking the assistant. Keys have their own limit."""

from civicdesk.api.models import ApiClient
from civicdesk.petitions.models import Case
from tests.api.test_create_case import BODY, URL
from tests.factories import CaseFactory


def _post(client, ip="203.0.113.7", **headers):
    return client.post(URL, BODY, content_type="application/json", REMOTE_ADDR=ip, **headers)


def test_the_request_over_the_limit_gets_429_with_retry_after(client, routing_rule, settings):
    settings.RATE_ANON_CREATE = "2/min"
    assert [_post(client).status_code for _ in range(2)] == [201, 201]
    response = _post(client)
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert "thử lại" in response.json()["detail"]
    assert 1 <= int(response["Retry-After"]) <= 60
    assert Case.objects.count() == 2


def test_another_address_is_not_affected(client, routing_rule, settings):
    settings.RATE_ANON_CREATE = "1/min"
    assert _post(client, ip="203.0.113.7").status_code == 201
    assert _post(client, ip="203.0.113.7").status_code == 429
    assert _post(client, ip="198.51.100.20").status_code == 201


def test_a_client_with_a_key_is_not_limited_by_the_anonymous_scope(client, routing_rule, settings):
    settings.RATE_ANON_CREATE = "1/min"
    _row, key = ApiClient.issue("mot-cua")
    assert _post(client).status_code == 201
    assert _post(client).status_code == 429
    assert [_post(client, HTTP_X_API_KEY=key).status_code for _ in range(3)] == [201, 201, 201]


def test_the_key_limit_still_applies_to_key_clients(client, routing_rule):
    _row, key = ApiClient.issue("app-nho", rate_limit_per_minute=1)
    assert _post(client, HTTP_X_API_KEY=key).status_code == 201
    response = _post(client, HTTP_X_API_KEY=key)
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"
    assert int(response["Retry-After"]) >= 1


def test_x_forwarded_for_counts_only_behind_a_trusted_proxy(client, routing_rule, settings):
    settings.RATE_ANON_CREATE = "1/min"
    # Not trusted: a client rotating the header is still one address.
    assert _post(client, ip="203.0.113.7", HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 201
    assert _post(client, ip="203.0.113.7", HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 429
    # Behind our proxy: each citizen is counted by the address the proxy saw.
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    assert _post(client, ip="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 201
    assert _post(client, ip="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 201
    assert _post(client, ip="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.1").status_code == 429


def test_zero_turns_the_scope_off(client, routing_rule, settings):
    settings.RATE_ANON_CREATE = "0"
    assert {_post(client).status_code for _ in range(5)} == {201}


def test_tracking_lookups_are_limited(client, case, settings):
    settings.RATE_TRACKING = "2/min"
    url = f"/api/v1/cases/{case.tracking_code}"
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    response = client.get(url)
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"
    assert int(response["Retry-After"]) >= 1


def test_after_too_many_unknown_codes_even_a_right_code_is_refused(client, db, settings):
    settings.RATE_TRACKING_MISS = "3/min"
    real = CaseFactory()
    assert [client.get(f"/api/v1/cases/ABCD-EFG{c}").status_code for c in "234"] == [404, 404, 404]
    # Else a guesser would tell hits from misses by 200 against 429.
    response = client.get(f"/api/v1/cases/{real.tracking_code}")
    assert response.status_code == 429
    assert client.get(f"/api/v1/cases/{real.tracking_code}", REMOTE_ADDR="198.51.100.20").status_code == 200


def test_found_codes_are_not_misses(client, case, settings):
    settings.RATE_TRACKING_MISS = "1/min"
    assert {client.get(f"/api/v1/cases/{case.tracking_code}").status_code for _ in range(4)} == {200}


def test_the_assistant_api_is_limited(client, db, settings):
    settings.RATE_ASSISTANT = "1/min"
    ask = {"question": "giá vàng hôm nay"}
    assert client.post("/api/v1/assistant/ask", ask, content_type="application/json").status_code == 200
    response = client.post("/api/v1/assistant/ask", ask, content_type="application/json")
    assert response.status_code == 429 and response.json()["code"] == "rate_limited"
    assert "Retry-After" in response
