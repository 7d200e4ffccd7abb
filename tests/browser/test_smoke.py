from tests.browser.conftest import screenshot


def test_the_home_page_opens_on_a_phone(live_server, phone_page):
    phone_page.goto(live_server.url + "/")
    assert phone_page.locator("h1").first.is_visible()
    assert phone_page.locator("html").get_attribute("lang") == "vi"
    screenshot(phone_page, "home-phone")
