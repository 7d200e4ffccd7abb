"""A leader writes a directive on a case; the bound unit's lead reads it from the inbox and reports;
the leader sees the report on the dashboard's list of open directives (directive)."""

from datetime import timedelta

from django.utils import timezone

from civicdesk.workflow.models import Directive, DirectiveUnit
from tests.browser.conftest import login, screenshot


def test_directive_leader_writes_unit_answers(live_server, desktop_page, tablet_page, supervisor, lead, case):
    deadline = timezone.localtime(timezone.now() + timedelta(days=3)).replace(second=0, microsecond=0)

    leader = desktop_page
    leader.goto(f"{live_server.url}/tai-khoan/dang-nhap/", timeout=90_000)  # the first request loads the site
    login(leader, live_server, "giamsat")
    leader.goto(f"{live_server.url}/quy-trinh/ho-so/{case.tracking_code}/")
    form = leader.locator("#directive-form")
    form.locator("input[name=subject]").fill("Ngập nước đường Lê Lợi")
    form.locator("textarea[name=text]").fill("Sở Xây dựng kiểm tra, khắc phục và báo cáo trước hạn.")
    form.locator("input[name=deadline]").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    form.locator("button[type=submit]").click()
    leader.wait_for_load_state("networkidle")
    assert "Đã ghi ý kiến chỉ đạo" in leader.locator(".messages").inner_text()
    card = leader.locator("#directives article.directive")
    assert card.get_attribute("data-state") == "open"
    assert "Chờ báo cáo" in card.inner_text()
    screenshot(leader, "leader-directive-case")

    directive = Directive.objects.get()
    assert directive.deadline == deadline and directive.author == supervisor

    unit = tablet_page
    login(unit, live_server, "lanhdao")
    unit.goto(f"{live_server.url}/xu-ly/")
    unit.click("#directives-link")
    unit.click(f"tr[data-directive='{directive.pk}'] a")
    unit.wait_for_load_state("networkidle")
    assert "Sở Xây dựng kiểm tra, khắc phục" in unit.locator("#directive").inner_text()
    unit.fill("#directive-report-form textarea[name=text]", "Đã nạo vét cống, thay nắp hố ga ngày 9/12.")
    unit.click("#directive-report-form button[type=submit]")
    unit.wait_for_load_state("networkidle")
    assert "Đã gửi báo cáo thực hiện chỉ đạo" in unit.locator(".messages").inner_text()
    assert unit.locator("#directive li[data-state='reported']").count() == 1
    screenshot(unit, "unit-directive-report")

    leader.goto(f"{live_server.url}/dieu-hanh/chi-dao/")
    row = leader.locator(f"#open-directives tr[data-directive='{directive.pk}']")
    assert row.get_attribute("data-state") == "done"
    assert "Đã nạo vét cống" in row.inner_text() and "Các đơn vị đã báo cáo" in row.inner_text()
    screenshot(leader, "dashboard-directives")
    assert DirectiveUnit.objects.get().reported_by == lead
