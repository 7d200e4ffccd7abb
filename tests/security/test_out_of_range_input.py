"""Issue 12 item 14: dates such as 0001-01-01 or 9999-12-31 and ids such as "abc" in filters get a
clear Vietnamese message, never a 500."""

import pytest
from django.test import Client

OUT_OF_RANGE = ["0001-01-01", "9999-12-31"]


@pytest.fixture
def staff_client(supervisor):
    client = Client(raise_request_exception=False)
    client.force_login(supervisor)
    return client


@pytest.mark.parametrize("day", OUT_OF_RANGE)
def test_the_public_list_explains_a_date_out_of_range(day, db):
    response = Client(raise_request_exception=False).get("/cong-khai/", {"date_from": day})
    assert response.status_code == 200
    assert "Ngày phải nằm trong khoảng từ 01/01/1990 đến 31/12/2100" in response.content.decode()


def test_the_kpi_fragment_falls_back_to_the_default_period(staff_client):
    response = staff_client.get("/dieu-hanh/so-lieu/", {"period": "custom", "start": "0001-01-01", "end": "0001-01-01"})
    assert response.status_code == 200 and 'id="kpis"' in response.content.decode()


@pytest.mark.parametrize("path", ["/dieu-hanh/", "/dieu-hanh/ban-do/", "/dieu-hanh/ho-so/",
                                  "/dieu-hanh/xep-hang/", "/dieu-hanh/qua-han/", "/dieu-hanh/diem-nong/"])
@pytest.mark.parametrize("day", OUT_OF_RANGE)
def test_dashboard_pages_explain_a_custom_period_out_of_range(staff_client, path, day):
    response = staff_client.get(path, {"period": "custom", "start": day, "end": day})
    assert response.status_code == 200
    assert "Ngày phải nằm trong khoảng" in response.content.decode()


def test_the_map_data_names_the_refused_filter(staff_client):
    response = staff_client.get("/dieu-hanh/ban-do/du-lieu.json", {"period": "custom", "start": "0001-01-01",
                                                                    "end": "0001-01-02"})
    assert response.status_code == 200
    assert any("Ngày phải nằm trong khoảng" in error for error in response.json()["errors"])


@pytest.mark.parametrize("query, message", [
    ({"agency": "abc"}, "Mã đơn vị không hợp lệ"),
    ({"month": "0001-01"}, "Chỉ có báo cáo cho các tháng"),
    ({"month": "tháng-một"}, "Tháng không hợp lệ"),
])
def test_the_monthly_report_explains_bad_parameters(staff_client, query, message):
    response = staff_client.get("/dieu-hanh/bao-cao/", query)
    assert response.status_code == 400 and message in response.content.decode()


@pytest.mark.parametrize("query", ["created_after=0001-01-01", "created_before=0001-01-01T00:00:00"])
def test_the_rest_list_refuses_a_local_date_out_of_range(query, db):
    response = Client(raise_request_exception=False).get(f"/api/v1/cases?{query}")
    assert response.status_code == 422 and response.json()["code"] == "validation_error"


def test_the_message_is_in_english_for_english_readers(db):
    from django.conf import settings

    client = Client(raise_request_exception=False)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/cong-khai/", {"date_from": "0001-01-01"}).content.decode()
    assert "The date must be between 01/01/1990 and 31/12/2100." in html
