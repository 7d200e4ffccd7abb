import pytest

from civicdesk.open311.models import Open311Request
from civicdesk.petitions.models import Case, Status
from tests.open311.conftest import BASE, errors, records


def _post(client, fmt, **fields):
    return client.post(f"{BASE}/requests.{fmt}", fields)


def _valid(api_key, **extra):
    fields = {
        "api_key": api_key, "service_code": "ha-tang-do-thi", "lat": "10.7769", "long": "106.7009",
        "description": "Nắp cống trước số 12 Lê Lợi bị mất, rất nguy hiểm cho xe máy.",
        "first_name": "An", "last_name": "Nguyễn Văn", "email": "an@example.vn", "phone": "0903123456",
        "device_id": "thiet-bi-1", "account_id": "tk-42", "media_url": "https://anh.example.vn/1.jpg",
    }
    fields.update(extra)
    return fields


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_creates_a_case_and_returns_its_tracking_code(client, routing_rule, agency, api_key, fmt):
    response = _post(client, fmt, **_valid(api_key))
    assert response.status_code == 201
    [result] = records(response, fmt, "service_requests", "request")
    case = Case.objects.get()
    assert result["service_request_id"] == case.tracking_code
    assert result["account_id"] == "tk-42"
    assert "service_notice" in result
    assert case.channel == "open311" and case.status == Status.ASSIGNED and case.agency == agency
    assert case.reporter_name == "Nguyễn Văn An"
    assert (case.reporter_email, case.reporter_phone) == ("an@example.vn", "0903123456")
    assert (case.lat, case.lon) == (10.7769, 106.7009)
    extra = case.open311_request
    assert (extra.device_id, extra.media_url) == ("thiet-bi-1", "https://anh.example.vn/1.jpg")
    assert extra.client.name == "ung-dung-quan-1"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_case_waiting_for_triage_gets_a_token(client, category, api_key, fmt):
    response = _post(client, fmt, **_valid(api_key))  # no routing rule: a person decides
    assert response.status_code == 201
    [result] = records(response, fmt, "service_requests", "request")
    assert "service_request_id" not in result
    assert result["token"] == Open311Request.objects.get().token
    assert Case.objects.get().status == Status.TRIAGE


def test_address_string_alone_is_a_location(client, routing_rule, api_key):
    fields = _valid(api_key, address_string="12 Lê Lợi, phường Bến Thành")
    del fields["lat"], fields["long"]
    assert _post(client, "json", **fields).status_code == 201
    assert Case.objects.get().address_text == "12 Lê Lợi, phường Bến Thành"


def test_attributes_are_checked_and_stored(client, routing_rule, attributes, api_key):
    fields = _valid(api_key, **{"attribute[muc-do]": "nang", "attribute[so-o-ga]": "2"})
    assert _post(client, "json", **fields).status_code == 201
    assert Open311Request.objects.get().attributes == {"muc-do": "nang", "so-o-ga": "2"}


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("change", [
    {"attribute[muc-do]": None},                      # required attribute missing
    {"attribute[muc-do]": "rat-nang"},                # not one of the values
    {"attribute[muc-do]": "nhe", "attribute[so-o-ga]": "hai"},   # not a number
    {"attribute[muc-do]": "nhe", "attribute[khac]": "x"},        # not defined
])
def test_bad_attributes_are_400(client, routing_rule, attributes, api_key, fmt, change):
    fields = _valid(api_key, **{k: v for k, v in change.items() if v is not None})
    response = _post(client, fmt, **fields)
    assert response.status_code == 400
    [error] = errors(response, fmt)
    assert error["code"] == "400"
    assert not Case.objects.exists()


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("change", [
    {"service_code": ""},
    {"lat": "", "long": ""},
    {"long": ""},
    {"lat": "bắc"},
    {"lat": "91"},
    {"description": "x" * 4001},
    {"email": "khong-phai-thu"},
    {"media_url": "javascript:alert(1)"},
])
def test_invalid_fields_are_400(client, routing_rule, api_key, fmt, change):
    response = _post(client, fmt, **_valid(api_key, **change))
    assert response.status_code == 400
    [error] = errors(response, fmt)
    assert error["code"] == "400" and error["description"]
    assert not Case.objects.exists()


def test_description_of_exactly_4000_characters_is_accepted(client, routing_rule, api_key):
    assert _post(client, "json", **_valid(api_key, description="đ" * 4000)).status_code == 201


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_service_code_is_404(client, routing_rule, api_key, fmt):
    response = _post(client, fmt, **_valid(api_key, service_code="khong-co"))
    assert response.status_code == 404
    assert errors(response, fmt)[0]["code"] == "404"


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("key", [None, "", "cdsai.khoa-sai"])
def test_missing_or_wrong_api_key_is_403(client, routing_rule, api_key, fmt, key):
    fields = _valid(api_key)
    if key is None:
        del fields["api_key"]
    else:
        fields["api_key"] = key
    response = _post(client, fmt, **fields)
    assert response.status_code == 403
    [error] = errors(response, fmt)
    assert error["code"] == "403"
    assert not Case.objects.exists()
