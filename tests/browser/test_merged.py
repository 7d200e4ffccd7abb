"""A merged case told truthfully, on the reporter's phone: "Đã gộp vào phản ánh XXXX-XXXX" with the
link (not a red "Từ chối"), no promise of an e-mail to a reporter without an address, and the main
case's answer — by e-mail and on the page — once the lead approves it."""

from civicdesk.answers import publishing
from civicdesk.petitions import reporter_access
from civicdesk.petitions.models import Status
from civicdesk.workflow import operations
from tests.browser.conftest import screenshot
from tests.petitions.factories import CitizenCaseFactory


def test_merged_reporter_sees_the_main_case_and_receives_its_answer(phone_page, live_server, category, agency,
                                                                    officer, lead, operator, smtp_inbox):
    main = CitizenCaseFactory(category=category, agency=agency, status=Status.IN_PROGRESS,
                              title="Cống tắc đường Lê Lợi", reporter_email="an@example.vn")
    merged = CitizenCaseFactory(category=category, agency=agency, status=Status.ASSIGNED,
                                title="Nước cống tràn ở Lê Lợi", reporter_name="Lê Văn Bình",
                                reporter_email="binh@example.vn")
    by_phone = CitizenCaseFactory(category=category, agency=agency, status=Status.ASSIGNED,
                                  title="Cống Lê Lợi bốc mùi", reporter_email="", reporter_phone="0912000111")
    operations.merge(main, [merged, by_phone], operator)

    page = phone_page
    page.goto(live_server.url + reporter_access.secret_link(merged, absolute=False))
    body = page.locator("body").inner_text()
    assert f"Đã gộp vào phản ánh {main.tracking_code}" in page.locator("#merged h2").inner_text()
    assert "Từ chối" not in body and "Lý do không thụ lý" not in body
    assert "gửi tới thư điện tử của Quý ông/bà" in page.locator("#merged").inner_text()
    assert page.locator(".case-head .badge").inner_text() == "Đã gộp"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "merged-phone")

    page.goto(live_server.url + reporter_access.secret_link(by_phone, absolute=False))
    assert "thư điện tử" not in page.locator("#merged").inner_text()  # nothing promised it cannot get

    answer = publishing.save_draft(main, officer, "Kính gửi ông/bà: Đã nạo vét toàn bộ cống đường Lê Lợi.",
                                   no_evidence_reason="Nạo vét dưới lòng cống, không chụp được ảnh.")
    publishing.submit_for_approval(answer, officer)
    publishing.approve(answer, lead)
    answered = [m for m in smtp_inbox.to("binh@example.vn") if "đã có trả lời" in m["subject"]]
    assert len(answered) == 1 and "nạo vét toàn bộ cống" in answered[0]["body"]

    page.goto(live_server.url + reporter_access.secret_link(merged, absolute=False))
    assert "nạo vét toàn bộ cống" in page.locator("#merged-answer").inner_text()
    page.click("#merged-link")
    page.wait_for_url(f"**/tra-cuu/{main.tracking_code}/")
    screenshot(page, "merged-answered-phone")
