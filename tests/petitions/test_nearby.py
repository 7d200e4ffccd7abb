"""/gui-phan-anh/gan-day.json: published cases of the same kind near a point, for the submit form."""

from datetime import timedelta

from django.utils import timezone

from civicdesk.petitions.models import Status
from civicdesk.petitions.nearby import distance_metres
from tests.factories import CategoryFactory
from tests.petitions.factories import PublishedCaseFactory

URL = "/gui-phan-anh/gan-day.json"
HERE = (10.7769, 106.7009)


def test_nearby_distance_is_in_metres():
    assert round(distance_metres(*HERE, HERE[0] + 0.0009, HERE[1])) == 100


def test_nearby_lists_public_cases_of_the_category_within_300_m(client, category):
    near = PublishedCaseFactory(category=category, lat=HERE[0] + 0.0018, lon=HERE[1])  # 200 m
    PublishedCaseFactory(category=category, lat=HERE[0] + 0.0036, lon=HERE[1])  # 400 m
    PublishedCaseFactory(category=CategoryFactory(code="khac"), lat=HERE[0], lon=HERE[1])
    PublishedCaseFactory(category=category, lat=HERE[0], lon=HERE[1], is_public=False, status=Status.ASSIGNED)
    PublishedCaseFactory(category=category, lat=HERE[0], lon=HERE[1], status=Status.CLOSED,
                         answered_at=timezone.now() - timedelta(days=120), closed_at=timezone.now() - timedelta(days=100))
    data = client.post(URL, {"lat": HERE[0], "lon": HERE[1], "category": category.pk}).json()
    assert [c["code"] for c in data["cases"]] == [near.tracking_code]
    assert data["cases"][0]["metres"] == 200 and data["cases"][0]["url"] == f"/cong-khai/{near.tracking_code}/"
    assert "reporter" not in str(data) and near.reporter_phone not in str(data)
    assert data["category"] == {"name": category.name, "guessed": False}


def test_nearby_guesses_the_category_from_the_text(client, db):
    lights = CategoryFactory(code="chieu-sang", name="Chiếu sáng đô thị", keywords="đèn đường\nđèn chiếu sáng\ncột đèn")
    CategoryFactory(code="cay-xanh", name="Cây xanh", keywords="cây đổ\ncây xanh\ncành cây")
    near = PublishedCaseFactory(category=lights, lat=HERE[0], lon=HERE[1])
    data = client.post(URL, {"lat": HERE[0], "lon": HERE[1], "title": "Đèn đường tắt", "content": "Cột đèn trước nhà tắt"}).json()
    assert data["category"]["guessed"] is True and data["category"]["name"] == "Chiếu sáng đô thị"
    assert [c["code"] for c in data["cases"]] == [near.tracking_code]


def test_nearby_refuses_bad_input_without_a_500(client, db):
    assert client.post(URL, {"lat": "abc", "lon": "1"}).status_code == 400
    assert client.post(URL, {"lat": "100", "lon": "1"}).status_code == 400
    assert client.post(URL, {"lat": "10.7", "lon": "106.7", "category": "9" * 30}).json()["cases"] == []
    assert client.get(URL).status_code == 405
