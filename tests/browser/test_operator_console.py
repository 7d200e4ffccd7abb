"""The hotline operator records a call while the caller is on the line and reads the code back."""

import re

from civicdesk.petitions.models import Case, Channel
from tests.browser.conftest import login, screenshot


def test_operator_records_a_call_and_reads_the_code(live_server, desktop_page, operator, case, routing_rule):
    page = desktop_page
    login(page, live_server, "tongdai")
    assert page.url.endswith("/quy-trinh/tong-dai/")
    phone = page.locator("#id_reporter_phone")
    assert page.evaluate("document.activeElement.id") == "id_reporter_phone"  # autofocus: type at once

    phone.type("0903 123 456")
    earlier = page.locator(f"#caller-cases li[data-code='{case.tracking_code}']")
    earlier.wait_for()  # the caller's earlier case, fetched as they type
    page.fill("#id_reporter_name", "Nguyễn Văn An")
    page.fill("#id_title", "Nắp cống bị mất trước chợ")
    page.select_option("#id_category", str(routing_rule.category.pk))
    page.fill("#id_content", "Nắp cống trước cổng chợ bị mất, rất nguy hiểm cho xe máy ban đêm.")
    screenshot(page, "operator-console")
    page.keyboard.press("Control+Enter")  # records without leaving the keyboard

    page.wait_for_url(re.compile(r"/quy-trinh/tong-dai/da-ghi/"))
    shown = page.locator("#tracking-code").inner_text()
    case = Case.objects.get(title="Nắp cống bị mất trước chợ")
    assert shown == case.tracking_code
    assert case.channel == Channel.HOTLINE and case.reporter_phone == "0903123456"
    assert page.locator("#tracking-code").evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 40
    screenshot(page, "operator-console-code")

    page.keyboard.press("Enter")  # "next call" has the focus
    page.wait_for_url(re.compile(r"/quy-trinh/tong-dai/$"))


def test_operator_adds_a_further_call_to_an_existing_case(live_server, desktop_page, operator, case):
    page = desktop_page
    login(page, live_server, "tongdai")
    page.locator("#id_reporter_phone").type("0903123456")
    item = page.locator(f"#caller-cases li[data-code='{case.tracking_code}']")
    item.locator("summary").click()
    item.locator("textarea").fill("Người dân gọi lại: nước vẫn chưa rút")
    item.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert "Đã ghi chú vào hồ sơ" in page.locator(".messages").inner_text()
    assert case.events.filter(action="note", note="Người dân gọi lại: nước vẫn chưa rút").exists()
