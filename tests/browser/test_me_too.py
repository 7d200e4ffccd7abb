"""“Tôi cũng gặp” on a phone: a visitor without an account confirms by the e-mailed link, a signed-in
citizen in one tap; each counts once and the count shows on the public page and the list."""

import re

from civicdesk.petitions.models import MeToo
from tests.browser.conftest import login, screenshot
from tests.factories import UserFactory
from tests.petitions.factories import PublishedCaseFactory


def test_me_too_by_email_link_then_by_account(phone_page, live_server, category, agency, smtp_inbox):
    case = PublishedCaseFactory(category=category, agency=agency, title="Cống bị tắc ở hẻm 5 Lê Lợi")
    page = phone_page
    page.goto(f"{live_server.url}/cong-khai/{case.tracking_code}/")
    assert "Chưa có ai khác" in page.locator("#me-too-count").inner_text()
    page.locator("summary#me-too-button").click()
    page.fill("#me-too-email", "lan.tran@example.vn")
    page.check("#me-too-follow")
    screenshot(page, "me-too-phone")
    page.click("#me-too-send")
    page.wait_for_selector("#check-email")
    assert "lan.tran@example.vn" in page.locator("#check-email").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    [message] = smtp_inbox.to("lan.tran@example.vn")
    link = re.search(r"https?://\S+/quy-trinh/xac-nhan/\S+/", message["body"]).group(0)
    path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    page.goto(live_server.url + path)
    assert MeToo.objects.count() == 0
    screenshot(page, "me-too-confirm-phone")
    page.click("#confirm-button")
    page.wait_for_selector("#confirm-done")
    assert "1 người cũng gặp" in page.locator("#confirm-done").inner_text()
    assert page.locator("#follow-done").is_visible()  # "báo cho tôi mỗi bước" was ticked
    page.goto(f"{live_server.url}/cong-khai/{case.tracking_code}/")
    assert page.locator("#me-too-done").is_visible()

    UserFactory(username="hoa.citizen", email="hoa@example.vn")
    login(page, live_server, "hoa.citizen")
    page.goto(f"{live_server.url}/cong-khai/{case.tracking_code}/")
    page.click("#me-too-button")
    page.wait_for_selector("#me-too-done")
    assert "2 người cũng gặp" in page.locator("#me-too-count").inner_text()
    page.goto(f"{live_server.url}/cong-khai/")
    assert "2 người cũng gặp" in page.locator(".case-list").inner_text()
    assert MeToo.objects.filter(case=case).count() == 2
