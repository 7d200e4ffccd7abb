"""Open311 reads without api_key are limited per client IP, answered with the standard's error list;
reading requests by id counts as tracking-code lookups, a comma list counting each id."""

import pytest

from civicdesk.api.models import ApiClient
from tests.open311.conftest import BASE, errors


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_anonymous_reads_over_the_limit_get_429_in_the_standard_format(client, category, settings, fmt):
    settings.RATE_OPEN311_READ = "2/min"
    assert [client.get(f"{BASE}/services.{fmt}").status_code for _ in range(2)] == [200, 200]
    response = client.get(f"{BASE}/services.{fmt}")
    assert response.status_code == 429
    assert errors(response, fmt)[0]["code"] == "429"
    assert int(response["Retry-After"]) >= 1
    assert client.get(f"{BASE}/services.{fmt}", REMOTE_ADDR="198.51.100.20").status_code == 200


def test_a_key_is_not_limited_by_the_anonymous_scope(client, category, settings, api_key):
    settings.RATE_OPEN311_READ = "1/min"
    assert client.get(f"{BASE}/services.json").status_code == 200
    assert client.get(f"{BASE}/services.json").status_code == 429
    assert {client.get(f"{BASE}/services.json?api_key={api_key}").status_code for _ in range(3)} == {200}


def test_a_list_of_ids_counts_each_id_as_a_lookup(client, published_case, settings):
    settings.RATE_TRACKING = "5/min"
    ids = ",".join(["ABCD-EFG2", "ABCD-EFG3", "ABCD-EFG4", "ABCD-EFG5", "ABCD-EFG6", published_case.tracking_code])
    response = client.get(f"{BASE}/requests.json?service_request_id={ids}")
    assert response.status_code == 429
    assert errors(response, "json")[0]["code"] == "429"


def test_unknown_ids_count_as_misses(client, published_case, settings):
    settings.RATE_TRACKING_MISS = "2/min"
    assert client.get(f"{BASE}/requests/ABCD-EFG2.json").status_code == 404
    assert client.get(f"{BASE}/requests.json?service_request_id=ABCD-EFG3").status_code == 200
    response = client.get(f"{BASE}/requests/{published_case.tracking_code}.json")
    assert response.status_code == 429
    _row, key = ApiClient.issue("lgsp")
    assert client.get(f"{BASE}/requests/{published_case.tracking_code}.json?api_key={key}").status_code == 200
