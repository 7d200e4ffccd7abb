import pytest

from tests.browser.conftest import screenshot

CITIZEN_PAGES = ["/", "/gui-phan-anh/", "/tra-cuu/", "/tra-cuu/?ma=ABCD-EFGH", "/cong-khai/", "/du-lieu-ca-nhan/"]


def test_the_home_page_opens_on_a_phone(live_server, phone_page):
    phone_page.goto(live_server.url + "/")
    assert phone_page.locator("h1").first.is_visible()
    assert phone_page.locator("html").get_attribute("lang") == "vi"
    screenshot(phone_page, "home-phone-empty")


@pytest.mark.parametrize("path", CITIZEN_PAGES)
def test_citizen_pages_fit_a_390_px_screen(live_server, phone_page, path):
    errors = []
    phone_page.on("pageerror", lambda error: errors.append(str(error)))
    phone_page.goto(live_server.url + path)
    phone_page.wait_for_load_state("networkidle")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{path} is {width} px wide"
    assert errors == []
