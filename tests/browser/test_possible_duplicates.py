"""The "Có thể trùng với" panel in the browser: dismissing without a page load, merging with one click."""

from datetime import timedelta

import pytest
from django.utils import timezone

from civicdesk.petitions.models import Status
from civicdesk.routing.models import PossibleDuplicate
from civicdesk.workflow.intake import NewCase, submit
from tests.browser.conftest import login, screenshot
from tests.factories import CaseFactory, WardFactory


@pytest.fixture
def flooded(routing_rule, category, agency):
    """A new report of a flooded street with two suggestions: the same incident, and another one nearby."""
    ward = WardFactory(name="Phường Bến Thành")
    earlier, _ = submit(NewCase(
        title="Ngập nặng trước nhà số 120 Lê Thánh Tôn",
        content="Đường Lê Thánh Tôn đoạn trước số 120 ngập sâu nửa bánh xe mỗi khi mưa, cống thoát nước bị "
                "nghẹt rác, xe máy chết máy giữa đường.",
        category=category, ward=ward, address_text="120 Lê Thánh Tôn", reporter_name="Nguyễn Văn An",
        created_at=timezone.now() - timedelta(hours=5)))
    nearby = CaseFactory(tracking_code="KX7Q-29MD", category=category, agency=agency, ward=ward,
                         status=Status.IN_PROGRESS,
                         title="Cống đầu hẻm 45 Lý Tự Trọng bị nghẹt", address_text="45 Lý Tự Trọng",
                         created_at=timezone.now() - timedelta(days=1))
    new, _ = submit(NewCase(
        title="ngap duong Le Thanh Ton",
        content="Doan truoc so 120 Le Thanh Ton mua xuong la ngap sau, cong bi nghet rac, xe may chet may hang loat.",
        category=category, ward=ward, address_text="Lê Thánh Tôn", reporter_name="Trần Thị Bình"))
    assert PossibleDuplicate.objects.filter(case=new, earlier=earlier).exists()  # found by intake
    PossibleDuplicate.objects.create(case=new, earlier=nearby, score=0.41, created_at=timezone.now())
    return new, earlier, nearby


def test_an_operator_dismisses_one_suggestion_and_merges_into_the_other(live_server, desktop_page, operator,
                                                                       flooded):
    new, earlier, nearby = flooded
    page = desktop_page
    login(page, live_server, "tongdai")
    page.goto(live_server.url + f"/quy-trinh/ho-so/{new.tracking_code}/")
    panel = page.locator("#possible-duplicates")
    assert "Có thể trùng với" in panel.inner_text()
    rows = panel.locator("li")
    assert rows.count() == 2 and earlier.tracking_code in rows.nth(0).inner_text()  # best score first
    screenshot(page, "possible-duplicates")

    nearby_row = panel.locator("li", has_text=nearby.tracking_code)
    nearby_row.get_by_role("button", name="Không trùng").click()
    page.locator("#possible-duplicates .msg-success").wait_for()
    assert nearby.tracking_code not in page.locator("#possible-duplicates").inner_text()
    assert PossibleDuplicate.objects.get(case=new, earlier=nearby).dismissed_at is not None

    page.get_by_role("button", name=f"Gộp hồ sơ này vào {earlier.tracking_code}").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("#case-status").inner_text() == "Từ chối"
    assert page.locator("#possible-duplicates").count() == 0 or not page.locator("#possible-duplicates").is_visible()
    new.refresh_from_db()
    assert new.duplicate_of == earlier


def test_the_panel_fits_a_phone(live_server, phone_page, officer, flooded):
    new, earlier, _nearby = flooded
    page = phone_page
    login(page, live_server, "canbo")
    page.goto(live_server.url + f"/xu-ly/ho-so/{new.tracking_code}/")
    button = page.get_by_role("button", name=f"Gộp hồ sơ này vào {earlier.tracking_code}")
    assert button.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
