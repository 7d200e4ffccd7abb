"""Published answers on a phone and a desktop: browse, search without diacritics, open one."""

import datetime
import re

import pytest
from django.utils import timezone

from civicdesk.petitions import events
from civicdesk.petitions.models import EventAction, Status
from tests.browser.conftest import screenshot
from tests.factories import AgencyFactory, CategoryFactory, UserFactory, WardFactory
from tests.petitions.factories import PublishedCaseFactory, approve_answer

# (category, title, content, answer) — invented examples of what a city receives.
EXAMPLES = [
    ("Giao thông", "Ngập nước sâu trên đường Nguyễn Hữu Cảnh sau mưa",
     "Mỗi chiều mưa lớn, đoạn gần cầu Văn Thánh ngập 40 cm, xe máy chết máy hàng loạt.",
     "Công ty Thoát nước đã nạo vét 120 m cống và lắp thêm máy bơm tạm tại điểm ngập."),
    ("Hạ tầng đô thị", "Đèn đường tắt cả dãy trên đường Pasteur",
     "Khoảng 8 cột đèn từ số 100 đến 160 Pasteur không sáng một tuần nay.",
     "Đơn vị chiếu sáng đã thay bộ điều khiển tủ điện; đèn hoạt động lại từ tối 12/11."),
    ("Môi trường", "Rác tồn đọng nhiều ngày ở hẻm 42 Lê Văn Sỹ",
     "Điểm tập kết rác trong hẻm không được thu gom ba ngày, bốc mùi và có chuột.",
     "Đội thu gom đã xử lý điểm rác và điều chỉnh lịch thu gom thành hằng ngày."),
    ("Trật tự đô thị", "Quán ăn lấn chiếm vỉa hè ngã tư Hai Bà Trưng",
     "Bàn ghế đặt kín vỉa hè, người đi bộ phải xuống lòng đường.",
     "UBND phường đã lập biên bản, yêu cầu quán thu dọn và sẽ kiểm tra định kỳ."),
    ("Điện và nước sinh hoạt", "Nước sinh hoạt yếu vào giờ cao điểm",
     "Từ 17 đến 20 giờ nước chảy rất yếu, tầng hai không có nước.",
     "Công ty cấp nước đã điều chỉnh áp lực mạng lưới khu vực; đề nghị người dân phản hồi nếu còn tình trạng này."),
    ("Thủ tục hành chính", "Hỏi về thủ tục cấp giấy phép xây dựng nhà ở riêng lẻ",
     "Tôi muốn sửa nhà, nâng thêm một tầng, cần những giấy tờ gì và nộp ở đâu?",
     "Hồ sơ gồm đơn đề nghị, bản sao giấy chứng nhận quyền sử dụng đất và bản vẽ thiết kế; nộp tại bộ phận một cửa của phường."),
    ("Giao thông", "Đèn tín hiệu giao thông hỏng ở ngã tư Hàng Xanh",
     "Đèn chỉ nháy vàng từ sáng, giờ cao điểm kẹt xe nghiêm trọng.",
     "Trung tâm quản lý giao thông đã sửa bộ điều khiển, đèn hoạt động bình thường."),
    ("Môi trường", "Tiếng ồn công trình xây dựng ban đêm",
     "Công trình trên đường Điện Biên Phủ đổ bê tông đến 2 giờ sáng nhiều đêm liền.",
     "Đơn vị đã kiểm tra, nhắc nhở chủ đầu tư; công trình cam kết không thi công sau 22 giờ."),
]


@pytest.fixture
def published(db):
    wards = [WardFactory(name="Phường Sài Gòn"), WardFactory(name="Phường Bến Thành"),
             WardFactory(name="Phường Tân Định")]
    agency = AgencyFactory(code="so-xay-dung", name="Sở Xây dựng")
    officer = UserFactory(username="canbo.xaydung", role="officer", agency=agency)
    now = timezone.now()
    cases = []
    for i in range(24):
        category_name, title, content, answer = EXAMPLES[i % len(EXAMPLES)]
        created = now - datetime.timedelta(days=3 * i + 5)
        case = PublishedCaseFactory(
            title=title if i < len(EXAMPLES) else f"{title} (lần {i // len(EXAMPLES) + 1})",
            content=content, category=CategoryFactory(code=f"vd-{i % len(EXAMPLES)}", name=category_name),
            ward=wards[i % 3], agency=agency, created_at=created, answered_at=created + datetime.timedelta(days=4),
            status=Status.CLOSED if i % 2 else Status.ANSWERED,
            reporter_name="Đặng Quốc Huy", hide_identity=bool(i % 2),
            reporter_phone="0977000111", reporter_email="huy.dang@example.vn",
        )
        events.record(case, EventAction.CREATED, to_status=Status.RECEIVED, at=created)
        events.record(case, EventAction.ASSIGNED, note=agency.name, to_status=Status.ASSIGNED,
                      at=created + datetime.timedelta(hours=2))
        events.record(case, EventAction.ANSWER_APPROVED, to_status=Status.ANSWERED,
                      at=created + datetime.timedelta(days=4))
        approve_answer(case, body=answer, public_body=answer, author=officer)
        cases.append(case)
    return cases


def test_a_person_browses_and_searches_published_answers_on_a_phone(live_server, phone_page, published):
    page = phone_page
    page.goto(f"{live_server.url}/")
    assert page.locator(".case-list li").count() == 5
    screenshot(page, "home-phone")

    page.goto(f"{live_server.url}/cong-khai/")
    assert page.locator(".case-list li").count() == 20
    assert "24" in page.locator(".result-count").inner_text()
    screenshot(page, "public-list-phone")

    # Typing without diacritics refreshes only the results (HTMX): the marker set on the page survives.
    page.evaluate("window.__samePage = true")
    page.fill("#id_q", "ngap nuoc")
    page.wait_for_url(re.compile(r"q=ngap(\+|%20)nuoc"))
    page.locator(".result-count").filter(has_text="3 phản ánh").wait_for()
    assert page.evaluate("window.__samePage") is True
    titles = page.locator(".case-list .title").all_inner_texts()
    assert all("Ngập nước" in t for t in titles)

    page.locator(".case-list .title").first.click()
    page.wait_for_url("**/cong-khai/*/")
    assert "Công ty Thoát nước" in page.locator("#answer").inner_text()
    html = page.content()
    assert "0977000111" not in html and "huy.dang@example.vn" not in html
    screenshot(page, "public-detail-phone")


def test_the_public_list_on_a_desktop_filters_by_ward(live_server, desktop_page, published):
    page = desktop_page
    page.goto(f"{live_server.url}/cong-khai/")
    page.select_option("#id_ward", label="Phường Tân Định")
    page.locator(".result-count").filter(has_text="8 phản ánh").wait_for()
    assert set(page.locator(".case-list .meta").all_inner_texts()) and all(
        "Phường Tân Định" in meta for meta in page.locator(".case-list .meta").all_inner_texts())
    page.select_option("#id_ward", index=0)
    page.locator(".result-count").filter(has_text="24 phản ánh").wait_for()
    screenshot(page, "public-list-desktop")
