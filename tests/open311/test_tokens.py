import pytest

from civicdesk.open311.models import Open311Request
from civicdesk.petitions.models import Case, Status
from civicdesk.workflow.transitions import move
from tests.open311.conftest import BASE, errors, records


def _triaged_token(client, api_key):
    response = client.post(f"{BASE}/requests.json", {
        "api_key": api_key, "service_code": "ha-tang-do-thi", "address_string": "Chợ Bến Thành",
        "description": "Rác thải đổ trộm ban đêm",
    })
    return response.json()[0]["token"]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_token_has_no_id_while_the_case_waits_for_triage(client, category, api_key, fmt):
    token = _triaged_token(client, api_key)
    [result] = records(client.get(f"{BASE}/tokens/{token}.{fmt}"), fmt, "service_requests", "request")
    assert result == {"service_request_id": "", "token": token}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_token_gives_the_id_once_a_person_has_routed_the_case(client, category, agency, api_key, fmt):
    token = _triaged_token(client, api_key)
    case = Case.objects.get()
    assert case.status == Status.TRIAGE
    case.agency = agency
    case.save(update_fields=["agency"])
    move(case, Status.ASSIGNED)
    [result] = records(client.get(f"{BASE}/tokens/{token}.{fmt}"), fmt, "service_requests", "request")
    assert result == {"service_request_id": case.tracking_code, "token": token}
    assert Open311Request.objects.get().token == token


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_token_is_404(client, db, fmt):
    response = client.get(f"{BASE}/tokens/khong-co.{fmt}")
    assert response.status_code == 404
    assert errors(response, fmt)[0]["code"] == "404"
