"""The tracking page on a phone: a stranger holding the code reads the masked public view; the
reporter who opens the secret link from the receipt reads everything and rates the answer."""

from django.utils import timezone

from civicdesk.answers.models import Rating
from civicdesk.petitions import reporter_access
from civicdesk.petitions.models import Status
from tests.browser.conftest import screenshot
from tests.petitions.factories import PublishedCaseFactory, approve_answer


def test_a_stranger_sees_the_public_view_and_the_reporter_rates_after_the_secret_link(phone_page, live_server,
                                                                                       category, agency):
    case = PublishedCaseFactory(
        category=category, agency=agency, hide_identity=True, reporter_name="Trần Thị Bích",
        reporter_phone="0912345678", reporter_email="bich.tran@example.com", answered_at=timezone.now(),
        title="Trần Thị Bích báo ống nước vỡ trước nhà",
        content="Tôi là Trần Thị Bích, gọi 0912345678. Ống nước vỡ ở hẻm 12 Lê Lợi, nước chảy tràn ra đường.",
        address_text="Số 7 hẻm 12 Lê Lợi",
    )
    approve_answer(case, body="Kính gửi bà Trần Thị Bích: Công ty cấp nước đã thay đoạn ống vỡ.",
                   public_body="Kính gửi bà ***: Công ty cấp nước đã thay đoạn ống vỡ.")
    page = phone_page
    page.goto(f"{live_server.url}/tra-cuu/{case.tracking_code}/")
    body = page.locator("body").inner_text()
    assert "Trần Thị Bích" not in body and "0912345678" not in body and "Số 7 hẻm 12" not in body
    assert "{#" not in body and "{%" not in body
    assert page.locator("#reporter-proof").is_visible()
    assert page.locator("#rating-submit").count() == 0
    # Nothing wider than the phone: the notice and the masked texts wrap.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "tracking-public-phone")

    page.goto(live_server.url + reporter_access.secret_link(case, absolute=False))
    assert page.url == f"{live_server.url}/tra-cuu/{case.tracking_code}/"
    assert page.locator("h1").inner_text() == "Trần Thị Bích báo ống nước vỡ trước nhà"
    assert "Kính gửi bà Trần Thị Bích" in page.locator("#answer").inner_text()
    assert page.locator("#reporter-proof").count() == 0
    screenshot(page, "tracking-reporter-phone")
    page.locator("input[name=score][value='5']").check()
    page.locator("#rating-submit").click()
    page.wait_for_selector("#rating-given")
    assert Rating.objects.get(case=case).score == 5
    case.refresh_from_db()
    assert case.status == Status.ANSWERED
