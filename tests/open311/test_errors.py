import pytest

from tests.open311.conftest import BASE, errors


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_resource_is_404_in_the_standard_error_format(client, db, fmt):
    response = client.get(f"{BASE}/khong-co.{fmt}")
    assert response.status_code == 404
    [error] = errors(response, fmt)
    assert error["code"] == "404"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_method_the_endpoint_does_not_take_is_refused_with_an_error_list(client, db, fmt):
    response = client.post(f"{BASE}/services.{fmt}", {})
    assert response.status_code == 405
    assert errors(response, fmt)[0]["code"] == "405"


def test_a_format_other_than_json_or_xml_is_404(client, db):
    assert client.get(f"{BASE}/services.html").status_code == 404
