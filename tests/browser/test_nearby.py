"""Nearby before sending, on a phone: once the place is picked, published cases of the same kind
within a few hundred metres are offered with "this is mine too" — counted on that case instead of a
new report."""

import re
from datetime import timedelta

from django.utils import timezone

from civicdesk.petitions.models import Case, MeToo, Status
from tests.browser.conftest import login, patient, screenshot
from tests.factories import CategoryFactory, UserFactory
from tests.petitions.factories import PublishedCaseFactory

# The map opens on 10.7769, 106.7009 at zoom 13; the point picked below is its centre.
HERE = (10.7769, 106.7009)


def _cases(category):
    other = CategoryFactory(code="cay-xanh", name="Cây xanh")
    near = PublishedCaseFactory(category=category, title="Đèn đường tắt cả dãy trước trường học",
                                lat=HERE[0] + 0.0009, lon=HERE[1])  # ~100 m north
    reopened = PublishedCaseFactory(category=category, title="Đèn đường chập chờn ở ngã tư", status=Status.IN_PROGRESS,
                                    answered_at=timezone.now() - timedelta(days=400),
                                    lat=HERE[0], lon=HERE[1] + 0.0018)  # ~200 m east, open again
    PublishedCaseFactory(category=other, title="Cây đổ gần đây nhưng khác loại", lat=HERE[0], lon=HERE[1] + 0.0003)
    PublishedCaseFactory(category=category, title="Đèn hỏng xa", lat=HERE[0] + 0.02, lon=HERE[1])  # ~2 km
    PublishedCaseFactory(category=category, title="Đèn hỏng năm ngoái", status=Status.CLOSED,
                         answered_at=timezone.now() - timedelta(days=200), closed_at=timezone.now() - timedelta(days=190),
                         lat=HERE[0] + 0.0002, lon=HERE[1])
    PublishedCaseFactory(category=category, title="Chưa công khai", is_public=False, status=Status.ASSIGNED,
                         lat=HERE[0] + 0.0001, lon=HERE[1])
    return near, reopened


def _pick_place(page, live_server, category):
    page.goto(f"{live_server.url}/gui-phan-anh/", timeout=60_000)
    page.fill("#id_title", "Đèn đường không sáng")
    page.select_option("#id_category", label=category.name)
    box = page.locator("#map").bounding_box()
    page.locator("#map").click(position={"x": box["width"] / 2, "y": box["height"] / 2})


def test_nearby_cases_of_the_same_kind_are_offered_and_me_too_counts(live_server, phone_page, routing_rule, category):
    near, reopened = _cases(category)
    UserFactory(username="minh.citizen", email="minh@example.vn")
    page = patient(phone_page)
    page.goto(f"{live_server.url}/", timeout=60_000)  # the server's first page may be slow on a busy machine
    login(page, live_server, "minh.citizen")
    _pick_place(page, live_server, category)
    nearby = page.locator("#nearby")
    nearby.locator(".nearby-case").first.wait_for()
    assert [li.get_attribute("data-code") for li in nearby.locator(".nearby-case").all()] == [
        near.tracking_code, reopened.tracking_code]
    text = nearby.inner_text()
    assert "Gần đây đã có phản ánh tương tự" in text and "Đang xử lý" in text
    assert re.search(r"cách \d{2,3} m", text)
    screenshot(page, "nearby-phone")
    nearby.locator(f"[data-code='{near.tracking_code}']").get_by_role(
        "button", name="Đây cũng là vấn đề của tôi").click()
    page.wait_for_url(f"**/cong-khai/{near.tracking_code}/")
    page.wait_for_selector("#me-too-done")
    assert MeToo.objects.filter(case=near).count() == 1
    assert Case.objects.count() == 6  # no new report


def test_nearby_without_an_account_asks_for_an_email(live_server, phone_page, routing_rule, category, smtp_inbox):
    near, _reopened = _cases(category)
    page = patient(phone_page)
    _pick_place(page, live_server, category)
    page.fill("#id_reporter_email", "lan@example.vn")
    item = page.locator(f"#nearby [data-code='{near.tracking_code}']")
    item.wait_for()
    item.get_by_role("button", name="Đây cũng là vấn đề của tôi").click()
    assert item.locator("input[type=email]").input_value() == "lan@example.vn"
    item.get_by_role("button", name="Gửi đường dẫn xác nhận").click()
    page.wait_for_selector("#check-email")
    assert smtp_inbox.to("lan@example.vn")
    assert Case.objects.count() == 6


def test_nearby_stays_hidden_when_nothing_close(live_server, phone_page, routing_rule, category):
    PublishedCaseFactory(category=category, lat=HERE[0] + 0.02, lon=HERE[1])
    page = patient(phone_page)
    _pick_place(page, live_server, category)
    page.wait_for_function("() => document.getElementById('nearby').dataset.count === '0'")
    assert page.locator("#nearby").is_hidden()
