import pytest

from tests.factories import CategoryFactory
from tests.open311.conftest import BASE, errors, parse, records

SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_services_are_the_active_categories(client, category, fmt):
    CategoryFactory(code="cu", name="Lĩnh vực cũ", is_active=False)
    services = records(client.get(f"{BASE}/services.{fmt}"), fmt, "services", "service")
    assert [s["service_code"] for s in services] == ["ha-tang-do-thi"]
    service = services[0]
    assert set(service) == SERVICE_FIELDS
    assert service["service_name"] == "Hạ tầng đô thị"
    assert service["metadata"] == "false"
    assert service["type"] in {"realtime", "batch", "blackbox"}


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_metadata_is_true_when_the_category_asks_for_attributes(client, category, attributes, fmt):
    services = records(client.get(f"{BASE}/services.{fmt}"), fmt, "services", "service")
    assert services[0]["metadata"] == "true"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_service_definition_lists_attributes_with_values(client, category, attributes, fmt):
    response = client.get(f"{BASE}/services/ha-tang-do-thi.{fmt}")
    assert response.status_code == 200
    data = parse(response, fmt)
    if fmt == "json":
        assert data["service_code"] == "ha-tang-do-thi"
        first, second = data["attributes"]
        assert first["variable"] is True and first["required"] is True
        assert first["datatype"] == "singlevaluelist" and first["order"] == 1
        assert first["values"] == [{"key": "nhe", "name": "Nhẹ"}, {"key": "nang", "name": "Nặng"}]
        assert second["code"] == "so-o-ga" and second["datatype"] == "number" and "values" not in second
    else:
        assert data.tag == "service_definition"
        assert data.find("service_code").text == "ha-tang-do-thi"
        first, second = data.findall("attributes/attribute")
        assert {c.tag for c in first} == {"variable", "code", "datatype", "required", "datatype_description",
                                         "order", "description", "values"}
        assert first.find("required").text == "true" and first.find("variable").text == "true"
        assert [(v.find("key").text, v.find("name").text) for v in first.findall("values/value")] == [
            ("nhe", "Nhẹ"), ("nang", "Nặng")]
        assert second.find("datatype").text == "number"


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_service_code_is_404(client, category, fmt):
    response = client.get(f"{BASE}/services/khong-co.{fmt}")
    assert response.status_code == 404
    [error] = errors(response, fmt)
    assert error["code"] == "404" and error["description"]
