"""A supervisor approves an agency's request to extend a deadline; the citizen sees the new deadline."""

from datetime import timedelta

from django.utils import timezone

from civicdesk.petitions.models import Status
from civicdesk.workflow import operations
from civicdesk.workflow.models import Decision
from tests.browser.conftest import login, screenshot


def test_supervisor_approves_an_extension(live_server, desktop_page, supervisor, officer, case):
    case.status = Status.IN_PROGRESS
    case.due_at = timezone.now() + timedelta(hours=3)
    case.save()
    request = operations.request_extension(case, officer, days=5, reason="Chờ kết quả kiểm định chất lượng nước")
    old_due = case.due_at

    page = desktop_page
    login(page, live_server, "giamsat")
    page.goto(live_server.url + "/quy-trinh/qua-han/")
    row = page.locator("#overdue-table tbody tr", has_text=case.agency.name)
    assert row.locator("td").nth(4).inner_text() == "1"  # one extension waiting
    page.click("text=Gia hạn chờ duyệt")
    item = page.locator(f"#extension-{request.pk}")
    assert "Chờ kết quả kiểm định chất lượng nước" in item.inner_text()
    screenshot(page, "supervisor-extensions")
    item.locator("input[name=note]").fill("Đồng ý, đề nghị trả lời đúng hạn mới")
    item.locator("button[value=approve]").click()
    page.wait_for_load_state("networkidle")
    assert "Đã đồng ý gia hạn" in page.locator(".messages").inner_text()
    assert page.locator(f"#extension-{request.pk}").count() == 0

    request.refresh_from_db()
    case.refresh_from_db()
    assert request.state == Decision.APPROVED and request.decided_by == supervisor
    assert case.due_at > old_due
    page.goto(live_server.url + f"/quy-trinh/ho-so/{case.tracking_code}/")
    assert "Gia hạn" in page.locator(".timeline").inner_text()
