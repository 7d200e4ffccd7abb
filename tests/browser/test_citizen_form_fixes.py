"""The submit form on a phone: a large photo is shrunk in the browser before upload, a file that
cannot be sent is said next to the button, sizes read sensibly, and the name may be left out when
"hide my name" is ticked (a phone number or e-mail is still asked for)."""

import io
import os

from PIL import Image

from civicdesk.petitions.models import Case
from tests.browser.conftest import patient, screenshot
from tests.petitions.factories import PDF_BYTES, jpeg_with_gps


def _fill(page, live_server, with_name=True):
    page.goto(f"{live_server.url}/gui-phan-anh/")
    page.fill("#id_title", "Cây đổ chắn lối đi trong hẻm 45")
    page.fill("#id_content", "Cây xanh bật gốc sau cơn mưa tối qua, chắn hết lối đi trong hẻm.")
    if with_name:
        page.fill("#id_reporter_name", "Phạm Văn Đức")
    page.fill("#id_reporter_phone", "0903 222 333")
    page.locator("#id_consent").check()


def _noise_jpeg(width=4000, height=3000, quality=94) -> bytes:
    """A photo that does not compress (noise), about 13-15 MB: the worst case for shrinking."""
    image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality)
    return out.getvalue()


def test_photo_of_14_mb_is_shrunk_in_the_browser_and_sent(live_server, phone_page, routing_rule, tmp_path):
    page = patient(phone_page)
    big = tmp_path / "cay-do.jpg"
    big.write_bytes(_noise_jpeg())
    assert big.stat().st_size > 12 * 1024 * 1024
    _fill(page, live_server)
    page.set_input_files("#id_attachments", str(big))
    files = page.locator("#file-list")
    files.filter(has_text="đã thu nhỏ từ").wait_for(timeout=90_000)
    listed = files.inner_text()
    assert "cay-do.jpg" in listed and "MB" in listed and "tệp quá lớn" not in listed
    size = page.evaluate("document.getElementById('id_attachments').files[0].size")
    assert size < 10 * 1024 * 1024
    screenshot(page, "submit-photo-shrunk-phone")
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_url("**/gui-phan-anh/da-gui/")
    stored = Case.objects.get().attachments.get()
    with Image.open(stored.file) as original:
        assert max(original.size) == 2560 and original.format == "JPEG"


def test_photo_small_file_sizes_show_in_kb(live_server, phone_page, routing_rule, tmp_path):
    page = patient(phone_page)
    small = tmp_path / "nho.jpg"
    small.write_bytes(jpeg_with_gps((64, 48)))
    _fill(page, live_server)
    page.set_input_files("#id_attachments", str(small))
    page.locator("#file-list").filter(has_text="nho.jpg").wait_for()
    listed = page.locator("#file-list").inner_text()
    assert " KB" in listed and "0.0 MB" not in listed and "0,0 MB" not in listed
    assert "đã thu nhỏ" not in listed  # a small photo is sent as it is


def test_photo_too_large_to_send_is_said_where_the_button_is(live_server, phone_page, routing_rule, tmp_path):
    page = patient(phone_page)
    pdf = tmp_path / "ho-so.pdf"
    pdf.write_bytes(PDF_BYTES + b"\n%" + b"0" * (14 * 1024 * 1024))
    _fill(page, live_server)
    page.set_input_files("#id_attachments", str(pdf))
    page.locator("#file-list").filter(has_text="ho-so.pdf").wait_for()
    button = page.get_by_role("button", name="Gửi phản ánh")
    button.click()
    problem = page.locator("#submit-problem")
    problem.wait_for(state="visible")
    text = problem.inner_text()
    assert "Chưa gửi được" in text and "ho-so.pdf" in text and "tệp quá lớn" in text and "10 MB" in text
    # It is right above the button, on screen, and has the focus.
    box, button_box = problem.bounding_box(), button.bounding_box()
    assert 0 <= button_box["y"] - (box["y"] + box["height"]) < 40
    assert page.evaluate("document.activeElement.id") == "submit-problem"
    assert page.evaluate("(el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })"
                         "(document.getElementById('submit-problem'))")
    assert page.url.endswith("/gui-phan-anh/")
    screenshot(page, "submit-file-too-large-phone")
    # Choosing a smaller file clears the message and the case goes through.
    small = tmp_path / "nho.jpg"
    small.write_bytes(jpeg_with_gps((64, 48)))
    page.set_input_files("#id_attachments", str(small))
    page.locator("#file-list").filter(has_text="nho.jpg").wait_for()
    assert problem.is_hidden()
    button.click()
    page.wait_for_url("**/gui-phan-anh/da-gui/")
    assert Case.objects.count() == 1


def test_name_optional_when_hide_my_name_is_ticked(live_server, phone_page, routing_rule):
    page = patient(phone_page)
    _fill(page, live_server, with_name=False)
    star = page.locator("#field-reporter_name [data-name-required]")
    assert star.is_visible()
    page.get_by_label("Ẩn tên tôi khi công khai").check()
    assert star.is_hidden()
    assert page.locator("#field-reporter_name [data-name-optional]").is_visible()
    screenshot(page, "submit-name-optional-phone")
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_url("**/gui-phan-anh/da-gui/")
    case = Case.objects.get()
    assert case.reporter_name == "" and case.hide_identity and case.reporter_phone == "0903222333"


def test_name_optional_but_a_way_to_reach_is_required(live_server, phone_page, routing_rule):
    page = patient(phone_page)
    _fill(page, live_server, with_name=False)
    page.fill("#id_reporter_phone", "")
    page.get_by_label("Ẩn tên tôi khi công khai").check()
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.wait_for_load_state()
    summary = page.locator("#error-summary").inner_text()
    assert "số điện thoại hoặc thư điện tử" in summary and "họ tên" not in summary
    assert page.locator("#submit-errors-note").is_visible()
    assert Case.objects.count() == 0
