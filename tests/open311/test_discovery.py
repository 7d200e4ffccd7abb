import pytest

from tests.open311.conftest import BASE, parse


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_discovery_lists_the_v2_endpoint_and_both_formats(client, db, fmt):
    response = client.get(f"{BASE}/discovery.{fmt}")
    assert response.status_code == 200
    data = parse(response, fmt)
    if fmt == "json":
        endpoint = data["endpoints"][0]
        assert set(data) >= {"changeset", "contact", "key_service", "endpoints"}
        formats = endpoint["formats"]
        spec, url = endpoint["specification"], endpoint["url"]
    else:
        assert data.tag == "discovery"
        assert data.find("changeset").text and data.find("contact").text
        endpoint = data.find("endpoints/endpoint")
        formats = [f.text for f in endpoint.findall("formats/format")]
        spec, url = endpoint.find("specification").text, endpoint.find("url").text
    assert spec == "http://wiki.open311.org/GeoReport_v2"
    assert url.endswith("/open311/v2")
    assert set(formats) == {"text/xml", "application/json"}


def test_changeset_is_iso_8601_with_offset(client, db):
    data = parse(client.get(f"{BASE}/discovery.json"), "json")
    assert data["changeset"].endswith("+07:00")
