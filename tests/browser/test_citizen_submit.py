"""A citizen on a phone sends a case with a photo, keeps the tracking code and follows the case."""

import io
import re

from PIL import Image

from civicdesk.petitions.models import Case, Status
from tests.browser.conftest import screenshot
from tests.petitions.factories import SVG_WITH_SCRIPT, has_exif, jpeg_with_gps

TITLE = "Ổ gà lớn trước chợ Bến Thành"
CONTENT = "Ổ gà sâu khoảng 20 cm ngay làn xe máy, tối qua có người ngã. Đề nghị vá gấp."


def _fill(page, live_server, category):
    page.goto(f"{live_server.url}/gui-phan-anh/")
    page.get_by_role("radio", name="Kiến nghị").check()
    page.get_by_role("radio", name="Phản ánh").check()
    page.fill("#id_title", TITLE)
    page.fill("#id_content", CONTENT)
    page.select_option("#id_category", label=category.name)
    page.fill("#id_address_text", "Đường Lê Lợi, trước cửa Nam chợ Bến Thành")
    page.fill("#id_reporter_name", "Hồ Thị Lan")
    page.fill("#id_reporter_phone", "0905 111 222")
    page.fill("#id_reporter_email", "lan.ho@example.vn")
    page.get_by_label("Ẩn tên tôi khi công khai").check()
    page.locator("#id_consent").check()


def test_a_citizen_sends_a_case_from_a_phone_and_follows_it(live_server, phone_page, routing_rule, category,
                                                           agency, tmp_path):
    page = phone_page
    photo = tmp_path / "o-ga.jpg"
    photo.write_bytes(jpeg_with_gps((320, 240)))
    _fill(page, live_server, category)
    # A point on the map, picked by touch on the plain background (no tile server in tests).
    page.locator("#map").click(position={"x": 150, "y": 120})
    assert page.locator("#id_lat").input_value() != ""
    # …or taken from the phone's position.
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 10.823099, "longitude": 106.629664})
    page.get_by_role("button", name="Dùng vị trí của tôi").click()
    page.locator("#map-status").filter(has_text="10.82310").wait_for()
    page.set_input_files("#id_attachments", str(photo))
    assert "o-ga.jpg" in page.locator("#file-list").inner_text()
    screenshot(page, "submit-form-phone")

    # An impatient double tap stores one case (button disabled at the first submit, token checked by intake).
    page.get_by_role("button", name="Gửi phản ánh").dblclick()
    page.wait_for_url("**/gui-phan-anh/da-gui/")
    assert Case.objects.count() == 1
    code = page.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"[2-9A-Z]{4}-[2-9A-Z]{4}", code)
    screenshot(page, "confirmation-phone")

    case = Case.objects.get(tracking_code=code)
    assert case.status == Status.ASSIGNED and case.agency == agency
    assert (case.lat, case.lon) == (10.823099, 106.629664)
    assert case.hide_identity

    page.get_by_role("link", name="Xem tiến độ xử lý").click()
    page.wait_for_url(f"**/tra-cuu/{code}/")
    assert page.locator(".case-head .badge").inner_text() == "Đã chuyển xử lý"
    timeline = page.locator(".timeline").inner_text()
    assert "Tiếp nhận" in timeline and "Chuyển đơn vị xử lý" in timeline
    assert agency.name in page.locator(".facts").inner_text()
    body = page.content()
    assert "0905111222" not in body and "lan.ho@example.vn" not in body
    image = page.locator(".thumbs img").first
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert page.evaluate("img => img.naturalWidth", image.element_handle()) == 320
    served = page.request.get(live_server.url + image.get_attribute("src")).body()
    with Image.open(io.BytesIO(served)) as public_copy:
        assert public_copy.size == (320, 240)
    assert has_exif(photo.read_bytes()) and not has_exif(served)
    screenshot(page, "tracking-phone")

    # The code typed by hand, in lower case with a space, finds the same page.
    page.goto(f"{live_server.url}/")
    page.fill("#id_ma", code.lower().replace("-", " "))
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_url(f"**/tra-cuu/{code}/")


def test_a_rejected_file_keeps_everything_typed(live_server, phone_page, routing_rule, category, tmp_path):
    page = phone_page
    fake = tmp_path / "anh-hien-truong.jpg"
    fake.write_bytes(SVG_WITH_SCRIPT)
    _fill(page, live_server, category)
    page.set_input_files("#id_attachments", str(fake))
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_load_state("networkidle")
    summary = page.locator("#error-summary")
    assert "anh-hien-truong.jpg" in summary.inner_text()
    assert "không được chấp nhận" in summary.inner_text()
    assert page.locator("#id_title").input_value() == TITLE
    assert page.locator("#id_content").input_value() == CONTENT
    assert page.locator("#id_reporter_phone").input_value() == "0905 111 222"
    assert page.locator("#id_category option:checked").inner_text() == category.name
    assert page.get_by_label("Ẩn tên tôi khi công khai").is_checked()
    assert Case.objects.count() == 0
    screenshot(page, "submit-error-phone")

    # Sending again without the file works and stores one case.
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_url("**/gui-phan-anh/da-gui/")
    assert Case.objects.count() == 1
