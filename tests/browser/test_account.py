"""A citizen's account on a phone: sign in with the code e-mailed to them, find the case they sent
earlier without an account in "Phản ánh của tôi", turn a notification off, download their data,
erase it."""

import io
import json
import re
import zipfile

from civicdesk.accounts.models import CitizenPreferences, User
from civicdesk.petitions.models import ErasureRequest
from tests.browser.conftest import screenshot
from tests.petitions.factories import CitizenCaseFactory


def test_account_code_sign_in_my_cases_preferences_export_erase(phone_page, live_server, category, agency,
                                                                smtp_inbox):
    CitizenCaseFactory(category=category, agency=agency, reporter_email="thu.ho@example.vn",
                       title="Vỉa hè Nguyễn Huệ bị lấn chiếm")
    page = phone_page
    page.set_default_timeout(30_000)  # the first request of a live server on a busy machine
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.click("#code-sign-in-link a")
    page.fill("#id_address", "Thu.Ho@example.vn")
    screenshot(page, "account-code-phone")
    page.click("#send-code")
    page.wait_for_selector("#code-enter")
    code = re.search(r"\b(\d{6})\b", smtp_inbox.to("thu.ho@example.vn")[-1]["body"]).group(1)
    page.fill("#id_code", "000000" if code != "000000" else "111111")
    page.click("#check-code")
    assert page.locator("#code-error").is_visible()
    page.fill("#id_code", code)
    page.click("#check-code")
    page.wait_for_url("**/cua-toi/")
    assert "Vỉa hè Nguyễn Huệ bị lấn chiếm" in page.locator(".case-list").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "account-my-cases-phone")

    page.click("#account-link")
    assert "thu.ho@example.vn" in page.locator("#address-list").inner_text()
    page.uncheck("#id_case_steps")
    page.click("#save-preferences")
    page.wait_for_selector(".msg-success")
    user = User.objects.get(email="thu.ho@example.vn")
    assert CitizenPreferences.objects.get(user=user).case_steps is False
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "account-settings-phone")

    with page.expect_download() as download:
        page.click("#export-data")
    with open(download.value.path(), "rb") as handle:
        data = zipfile.ZipFile(io.BytesIO(handle.read()))
    assert json.loads(data.read("du-lieu-cua-toi.json"))["cases"][0]["title"] == "Vỉa hè Nguyễn Huệ bị lấn chiếm"

    page.click("#erase-data")
    page.click("#confirm-erase")
    assert page.locator("#id_confirm:invalid").count() == 1  # the box must be ticked: nothing sent
    assert ErasureRequest.objects.count() == 0
    page.check("#id_confirm")
    screenshot(page, "account-erase-phone")
    page.click("#confirm-erase")
    page.wait_for_selector("#erased")
    assert page.locator("#erasure-waiting").is_visible()  # the case is still being handled
    assert ErasureRequest.objects.count() == 1
    user.refresh_from_db()
    assert not user.is_active
