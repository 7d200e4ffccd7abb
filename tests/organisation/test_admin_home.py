"""The admin as a city's administrator meets it: in Vietnamese throughout, dates typed day first,
and the home page ordered by what an administrator does most."""

import re
from datetime import date

import pytest

from civicdesk.workflow.models import CalendarDay


def _app_captions(html: str) -> list[str]:
    return re.findall(r'<caption>\s*<a href="/admin/[^"]+/" class="section"[^>]*>([^<]+)</a>', html)


def test_admin_home_lists_accounts_and_agencies_first_and_integrations_last(admin_client):
    captions = _app_captions(admin_client.get("/admin/").content.decode())
    assert captions[:4] == ["Tài khoản", "Tổ chức và địa bàn", "Phản ánh, kiến nghị", "Quy trình xử lý"]
    assert captions.index("API, Open311, webhook") > captions.index("Trợ lý ảo")
    assert captions[-1].lower() == "xác thực và ủy quyền"  # permission groups: rarely touched


def test_admin_home_orders_models_inside_an_app(admin_client):
    html = admin_client.get("/admin/").content.decode()
    organisation = html[html.index("Tổ chức và địa bàn"):]
    positions = [organisation.index(f"/admin/organisation/{m}/") for m in ("agency", "routingrule", "adminunit")]
    assert positions == sorted(positions)


def test_admin_has_no_english_or_untranslated_app_names(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert "Phân loại tự động" in html and ">Routing<" not in html
    assert ">Open311<" in html  # a name, the same in both languages
    assert "Khoá đăng nhập" in html and ">Axes<" not in html


def test_admin_login_lockouts_speak_vietnamese(admin_client):
    page = admin_client.get("/admin/axes/accessattempt/").content.decode()
    assert "Lần đăng nhập sai" in page or "lần đăng nhập sai" in page
    for english in ("Access attempt", "access attempts", "IP Address", "Failed Logins", "Attempt Time"):
        assert english not in page, english


def test_admin_error_note_and_password_switch_are_in_vietnamese(admin_client):
    page = admin_client.get("/admin/accounts/user/add/").content.decode()
    assert "Đăng nhập bằng mật khẩu" in page and "Password-based authentication" not in page
    assert re.search(r">\s*Bật\s*</label>", page) and re.search(r">\s*Tắt\s*</label>", page)
    assert ">Enabled<" not in page and ">Disabled<" not in page
    response = admin_client.post("/admin/accounts/user/add/", {"username": "", "usable_password": "true"})
    assert response.status_code == 200
    error_page = response.content.decode()
    assert "Vui lòng sửa các lỗi dưới đây." in error_page
    assert "Please correct" not in error_page


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("typed", ["30/04/2027", "30-04-2027", "30.04.2027", "2027-04-30"])
def test_admin_accepts_dates_typed_day_first(admin_client, language, typed):
    admin_client.cookies["django_language"] = language
    response = admin_client.post("/admin/workflow/calendarday/add/",
                                 {"date": typed, "kind": CalendarDay.Kind.HOLIDAY, "note": "Giải phóng miền Nam"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CalendarDay.objects.get().date == date(2027, 4, 30)


def test_admin_refuses_a_date_that_does_not_exist_with_a_message(admin_client):
    response = admin_client.post("/admin/workflow/calendarday/add/",
                                 {"date": "31/04/2027", "kind": CalendarDay.Kind.HOLIDAY})
    assert response.status_code == 200
    assert "Vui lòng sửa các lỗi dưới đây." in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_admin_date_picker_writes_day_first(admin_client):
    page = admin_client.get("/admin/workflow/calendarday/add/").content.decode()
    # the calendar widget reads its format from the JS catalogue: DATE_INPUT_FORMATS[0]
    catalogue = admin_client.get("/admin/jsi18n/").content.decode()
    assert 'vDateField' in page
    assert '"DATE_INPUT_FORMATS": [\n    "%d/%m/%Y"' in catalogue or '"%d/%m/%Y"' in catalogue.split("DATE_INPUT_FORMATS")[1][:40]


def test_public_list_accepts_a_day_first_date(client, db):
    response = client.get("/cong-khai/", {"date_from": "30/04/2025", "date_to": "01/05/2025"})
    assert response.status_code == 200
