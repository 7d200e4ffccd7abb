"""A supporting agency's officer opens the case from the "Phối hợp" tab, reads it with the
reporter's personal data masked, and sends the contribution to the lead agency."""

import re

from civicdesk.petitions.models import Status
from civicdesk.workflow import operations
from civicdesk.workflow.models import SupportRequest
from tests.browser.conftest import login
from tests.factories import CaseFactory

NAME, PHONE, EMAIL = "Trần Thị Bích", "0912345678", "bich.tran@example.vn"


def test_a_supporting_officer_reads_the_case_without_the_reporter(live_server, desktop_page, category, agency,
                                                                 other_agency, operator, officer, other_officer):
    case = CaseFactory(category=category, agency=agency, status=Status.IN_PROGRESS, reporter_name=NAME,
                       reporter_phone=PHONE, reporter_email=EMAIL, title="Cây đổ chắn ngõ 12",
                       content=f"Tôi là {NAME}, cây đổ chắn lối đi. Gọi {PHONE} khi tới.")
    operations.coordinate(case, operator, supporting=[other_agency])
    page = desktop_page
    login(page, live_server, "canbo.khac")
    page.goto(f"{live_server.url}/xu-ly/?tab=support")
    page.locator(f"tr.case-row[data-code='{case.tracking_code}'] a.case-title").click()
    page.wait_for_url(re.compile(rf"/xu-ly/ho-so/{case.tracking_code}/$"))
    text = page.locator("body").inner_text()
    assert "cây đổ chắn lối đi" in text
    assert NAME not in text and PHONE not in text and EMAIL not in text
    assert page.locator("#reporter-identity-masked").is_visible()

    page.fill("#contribution-text", "Phường đã cử tổ dân phố dọn tạm.")
    page.click("#contribution-form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert SupportRequest.objects.get(case=case).state == SupportRequest.State.CONTRIBUTED
