"""An officer answers a case from the inbox, the lead approves it, the public sees the masked answer."""

import re

import pytest

from civicdesk.answers.models import Answer, AnswerTemplate
from civicdesk.petitions.models import EventAction, Status
from tests.browser.conftest import login, screenshot
from tests.petitions.factories import has_exif, jpeg_with_gps


@pytest.fixture
def template(case):
    return AnswerTemplate.objects.create(
        title="Đã nạo vét cống", category=case.category,
        body="Kính gửi {ten_nguoi_gui}, về phản ánh {ma_tra_cuu}: {don_vi} đã nạo vét cống, nước đã rút.",
    )


def test_an_officer_answers_and_the_lead_publishes(live_server, desktop_page, officer, lead, case, template):
    page = desktop_page
    login(page, live_server, "canbo")
    assert page.url.endswith("/xu-ly/")
    row = page.locator(f"tr.case-row[data-code='{case.tracking_code}']")
    row.wait_for()
    assert page.locator("a.tab-new .count").inner_text() == "1"
    screenshot(page, "agency-inbox")

    row.locator("a.case-title").click()
    page.wait_for_url(re.compile(rf"/xu-ly/ho-so/{case.tracking_code}/$"))
    page.click("#start-work")
    page.wait_for_load_state("networkidle")
    assert page.locator("#case-status").inner_text() == "Đang xử lý"

    page.select_option("#answer-template", label="Đã nạo vét cống")
    body = page.locator("#id_body").input_value()
    assert body.startswith("Kính gửi Nguyễn Văn An, về phản ánh " + case.tracking_code)
    page.fill("#id_body", body + " Liên hệ tổ trực: 0903 123 456.")
    # The answer says the work is done: its proof, a photo of the result (with a GPS position in its EXIF).
    page.set_input_files("#answer-files", files=[
        {"name": "ket-qua.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}])
    page.fill("#note-form textarea", "Đã gọi điện hẹn người dân")
    page.click("#note-form button[type=submit]")
    page.locator("#case-timeline .event-text", has_text="Đã gọi điện hẹn người dân").wait_for()
    screenshot(page, "agency-case")
    page.click("#submit-answer")
    page.wait_for_load_state("networkidle")
    assert page.locator("#case-status").inner_text() == "Chờ duyệt trả lời"

    page.context.clear_cookies()
    login(page, live_server, "lanhdao")
    page.click("a.tab-awaiting_approval")
    page.locator(f"tr.case-row[data-code='{case.tracking_code}'] a.case-title").click()
    page.wait_for_url(re.compile(rf"/xu-ly/ho-so/{case.tracking_code}/$"))
    assert "0903 123 456" in page.locator("#pending-body").inner_text()
    screenshot(page, "lead-approve")
    page.click("#approve-answer")
    page.wait_for_load_state("networkidle")
    assert page.locator("#case-status").inner_text() == "Đã trả lời"

    case.refresh_from_db()
    answer = Answer.objects.get(case=case)
    assert case.status == Status.ANSWERED and case.is_public
    assert answer.state == Answer.State.APPROVED and answer.approved_by == lead
    assert "0903 123 456" not in answer.public_body and "N.V.A." not in answer.public_body
    assert case.events.filter(action=EventAction.PUBLISHED).exists()
    assert case.events.get(action=EventAction.NOTE).is_public is False

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/tra-cuu/{case.tracking_code}/")
    text = page.locator("main").inner_text()
    assert "Đã gọi điện hẹn người dân" not in text  # internal notes never reach the public
    assert "đã nạo vét cống, nước đã rút" in text
    evidence_photo = page.locator("#answer-evidence img")
    assert evidence_photo.count() == 1  # the evidence photo's EXIF-free copy
    served = page.request.get(live_server.url + evidence_photo.get_attribute("src")).body()
    assert not has_exif(served)
    assert "0903 123 456" not in text
