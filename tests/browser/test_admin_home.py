"""An administrator in the browser: the admin home in Vietnamese, ordered by use, and a holiday
typed as 30/04/2027 in the admin's date field is saved."""

import pytest

from civicdesk.accounts.models import Role
from civicdesk.workflow.models import CalendarDay
from tests.browser.conftest import login, screenshot
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_administrator_types_a_holiday_day_first_in_the_admin(desktop_page, live_server):
    UserFactory(username="quantri", role=Role.ADMIN, is_staff=True, is_superuser=True)
    page = desktop_page
    page.set_default_timeout(30_000)  # the admin's first page compiles its templates
    login(page, live_server, "quantri")
    page.goto(f"{live_server.url}/admin/")
    captions = page.locator("#content-main caption a.section").all_inner_texts()
    assert [c.strip().lower() for c in captions[:2]] == ["tài khoản", "tổ chức và địa bàn"]
    assert "phân loại tự động" in [c.strip().lower() for c in captions] and "routing" not in " ".join(captions).lower()
    screenshot(page, "admin-home")
    page.goto(f"{live_server.url}/admin/workflow/calendarday/add/")
    page.fill("#id_date", "30/04/2027")
    page.select_option("#id_kind", CalendarDay.Kind.HOLIDAY)
    page.fill("#id_note", "Ngày Giải phóng miền Nam")
    page.click("input[name=_save]")
    page.wait_for_load_state("networkidle")
    assert "/admin/workflow/calendarday/" in page.url and "add" not in page.url
    assert CalendarDay.objects.get().date.isoformat() == "2027-04-30"
    screenshot(page, "admin-calendar-saved")
