"""/ban-do/nen.json: the city's ward names at their centres, the base of maps without tiles."""

from civicdesk.organisation.models import AdminUnit
from tests.factories import ProvinceFactory, WardFactory


def test_public_map_base_lists_the_city_wards_larger_first(client, db):
    WardFactory(short_name="Nhỏ", lat=10.70, lon=106.60, area_km2=1.0)
    WardFactory(short_name="Lớn", lat=10.80, lon=106.70, area_km2=9.0)
    WardFactory(short_name="Không tọa độ", lat=None, lon=None)
    other = ProvinceFactory(code="01", name="Thành phố Hà Nội", short_name="Hà Nội", key="hanoi", short_key="hanoi")
    WardFactory(short_name="Hoàn Kiếm", parent=other, lat=21.03, lon=105.85)
    response = client.get("/ban-do/nen.json")
    assert response.status_code == 200
    assert "max-age=86400" in response["Cache-Control"]
    data = response.json()
    assert [w[0] for w in data["wards"]] == ["Lớn", "Nhỏ"]
    assert data["wards"][0][1:3] == [10.8, 106.7]
    assert AdminUnit.objects.filter(level="ward").count() == 4
