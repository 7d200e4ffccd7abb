from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from civicdesk.api.models import ApiClient
from tests.open311.conftest import BASE, errors


def _post(client, key):
    return client.post(f"{BASE}/requests.json", {
        "api_key": key, "service_code": "ha-tang-do-thi", "address_string": "Bến Thành",
        "description": "Đèn đường không sáng",
    })


def test_create_api_key_prints_the_key_once_and_stores_only_a_hash(db):
    out = StringIO()
    call_command("create_api_key", "lgsp", stdout=out, stderr=StringIO())
    raw = out.getvalue().strip()
    client = ApiClient.objects.get(name="lgsp")
    assert raw.startswith(client.prefix + ".")
    assert raw not in {client.key_hash, client.prefix}
    assert ApiClient.objects.authenticate(raw) == client


def test_the_printed_key_is_accepted_by_open311(client, routing_rule):
    out = StringIO()
    call_command("create_api_key", "mot-cua", stdout=out, stderr=StringIO())
    assert _post(client, out.getvalue().strip()).status_code == 201


def test_a_revoked_key_is_refused(client, routing_rule, api_key):
    ApiClient.objects.update(revoked_at=timezone.now())
    response = _post(client, api_key)
    assert response.status_code == 403
    assert errors(response, "json")[0]["code"] == "403"


def test_the_admin_revokes_keys(admin_client, api_key):
    client_row = ApiClient.objects.get()
    admin_client.post("/admin/api/apiclient/", {"action": "revoke", "_selected_action": [client_row.pk]})
    client_row.refresh_from_db()
    assert client_row.revoked_at is not None


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_requests_over_the_limit_get_429_with_an_error_list(client, routing_rule, fmt):
    _row, key = ApiClient.issue("app-nho", rate_limit_per_minute=2)
    assert client.get(f"{BASE}/services.{fmt}?api_key={key}").status_code == 200
    assert client.get(f"{BASE}/services.{fmt}?api_key={key}").status_code == 200
    response = client.get(f"{BASE}/services.{fmt}?api_key={key}")
    assert response.status_code == 429
    assert errors(response, fmt)[0]["code"] == "429"


def test_each_key_has_its_own_window(client, routing_rule, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 1
    _a, key_a = ApiClient.issue("a")
    _b, key_b = ApiClient.issue("b")
    assert client.get(f"{BASE}/services.json?api_key={key_a}").status_code == 200
    assert client.get(f"{BASE}/services.json?api_key={key_a}").status_code == 429
    assert client.get(f"{BASE}/services.json?api_key={key_b}").status_code == 200
