"""The category admin: a new category routes by its keywords at once and says so; "train now" runs
the training task (in-process without a broker) and the page shows when the model was trained."""

import pytest
from django.urls import reverse

from civicdesk.routing.classifier import current_model
from tests.factories import CaseFactory, CategoryFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(petitions):
    categories = {code: CategoryFactory(code=code, name=code) for code in ("dien-nuoc", "giao-thong")}
    rows = [r for r in petitions if r["category"] in categories][:40]
    for r in rows:
        CaseFactory(title=r["title"], content=r["content"], category=categories[r["category"]], category_confirmed=True)
    return categories


def test_the_category_list_says_the_router_was_never_trained(admin_client):
    html = admin_client.get(reverse("admin:petitions_category_changelist")).content.decode()
    assert "chưa huấn luyện lần nào" in html and "Huấn luyện ngay" in html


def test_train_now_trains_and_the_list_shows_when(admin_client, history, settings):
    assert current_model(settings.MODEL_DIR) is None
    response = admin_client.post(reverse("admin:petitions_category_train_router"), follow=True)
    html = response.content.decode()
    assert "Đã huấn luyện bộ phân loại trên 40 hồ sơ." in html
    model = current_model(settings.MODEL_DIR)
    assert model is not None and set(model.classes) == {"dien-nuoc", "giao-thong"}
    assert "huấn luyện lần cuối lúc" in html and "40 hồ sơ" in html

    # a category added afterwards is listed as routed by its keywords until the next training
    admin_client.post(reverse("admin:petitions_category_add"), {
        "code": "chieu-sang", "name": "Chiếu sáng công cộng", "keywords": "đèn đường", "sla_days_normal": 10,
        "sla_days_complex": 20, "sort_order": 0, "is_active": "on"}, follow=True)
    html = admin_client.get(reverse("admin:petitions_category_changelist")).content.decode()
    assert "Chưa có trong mô hình (đang phân loại theo từ khóa):" in html and "Chiếu sáng công cộng" in html


def test_adding_a_category_says_its_keywords_route_at_once(admin_client):
    response = admin_client.post(reverse("admin:petitions_category_add"), {
        "code": "chieu-sang", "name": "Chiếu sáng công cộng", "keywords": "đèn đường", "sla_days_normal": 10,
        "sla_days_complex": 20, "sort_order": 0, "is_active": "on"}, follow=True)
    assert "được phân loại theo từ khóa của nó ngay từ bây giờ" in response.content.decode()


def test_train_now_without_enough_history_says_why(admin_client, settings):
    html = admin_client.post(reverse("admin:petitions_category_train_router"), follow=True).content.decode()
    assert "Chưa huấn luyện được" in html
    assert current_model(settings.MODEL_DIR) is None


def test_train_now_is_a_post_for_administrators_only(client, admin_client, operator):
    assert admin_client.get(reverse("admin:petitions_category_train_router")).status_code == 405
    client.force_login(operator)
    response = client.post(reverse("admin:petitions_category_train_router"))
    assert response.status_code in (302, 403)
    assert current_model(__import__("django.conf").conf.settings.MODEL_DIR) is None
