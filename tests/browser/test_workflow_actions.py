"""Workflow actions in the browser: an illegal step shows the message; triage; the citizen rates."""

from django.utils import timezone

from civicdesk.petitions import reporter_access
from civicdesk.petitions.models import Status
from tests.browser.conftest import login, screenshot
from tests.factories import CaseFactory, CategoryFactory


def test_an_illegal_transition_shows_the_message(live_server, desktop_page, operator, case):
    page = desktop_page
    login(page, live_server, "tongdai")
    page.goto(live_server.url + f"/quy-trinh/ho-so/{case.tracking_code}/")
    page.click("summary:has-text('Từ chối')")
    page.select_option("#workflow-actions select[name=kind]", "spam")
    # Meanwhile the agency answers and closes the case: this page is now stale.
    Case = type(case)
    Case.objects.filter(pk=case.pk).update(status=Status.CLOSED)
    page.click("#wf-reject")
    page.wait_for_load_state("networkidle")
    message = page.locator(".msg-error").inner_text()
    assert "Không thể chuyển hồ sơ từ trạng thái “Đã đóng” sang “Từ chối”" in message
    assert page.locator("#case-status").inner_text() == "Đã đóng"
    screenshot(page, "workflow-illegal-transition")


def test_an_operator_triages_a_case(live_server, desktop_page, operator, category, agency):
    waiting = CaseFactory(status=Status.TRIAGE, agency=None, category=CategoryFactory(code="khac"),
                          category_confirmed=False, title="Không rõ đơn vị xử lý")
    page = desktop_page
    login(page, live_server, "tongdai")
    page.goto(live_server.url + "/quy-trinh/phan-loai/")
    item = page.locator(f"#triage-{waiting.tracking_code}")
    item.locator("select[name$=category]").select_option(str(category.pk))
    item.locator("select[name$=agency]").select_option(str(agency.pk))
    item.locator("select[name$=priority]").select_option("urgent")
    screenshot(page, "workflow-triage")
    item.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "Đã chuyển hồ sơ" in page.locator(".messages").inner_text()
    waiting.refresh_from_db()
    assert (waiting.status, waiting.agency, waiting.priority, waiting.category_confirmed) == (
        Status.ASSIGNED, agency, "urgent", True)


def test_the_citizen_rates_low_and_reopens(live_server, phone_page, case):
    case.status = Status.ANSWERED
    case.answered_at = timezone.now()
    case.save()
    page = phone_page
    # The reporter's secret link (from the receipt e-mail) opens the tracking page with the rating.
    page.goto(live_server.url + reporter_access.secret_link(case, absolute=False))
    page.locator("#danh-gia input[name=score][value='2']").check()
    page.fill("#rating-comment", "Cống vẫn tắc")
    page.click("#rating-submit")
    page.wait_for_load_state("networkidle")
    offer = page.locator("#reopen-offer")
    offer.wait_for()
    screenshot(page, "citizen-rating-reopen")
    page.fill("#reopen-reason", "Sau khi trả lời, cống vẫn tắc khi mưa")
    page.click("#reopen-submit")
    page.wait_for_load_state("networkidle")
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert case.ratings.get().score == 2
