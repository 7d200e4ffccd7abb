"""The public map on a phone: published cases clustered on the city's base (ward names without a
tile server), filtered by category and state; popups are built from text, never from HTML; and the
leaders' map uses the same layer."""

from datetime import timedelta

from django.utils import timezone

from civicdesk.petitions.models import Status
from tests.browser.conftest import login, patient, screenshot
from tests.browser.test_basemap import wards_of_the_centre
from tests.factories import CaseFactory, CategoryFactory

HOSTILE = '<img src=x onerror="window.__owned=1">Ngập'


def published(category, n, status=Status.ANSWERED, lat=10.7735, lon=106.6944, **extra):
    now = timezone.now()
    return [CaseFactory(category=category, status=status, is_public=True, lat=lat + i * 0.0004, lon=lon + i * 0.0003,
                        answered_at=now - timedelta(days=i), created_at=now - timedelta(days=i + 3), **extra)
            for i in range(n)]


def test_public_map_shows_published_cases_filtered_by_category_and_state(live_server, phone_page, db):
    wards_of_the_centre()
    lights = CategoryFactory(code="chieu-sang", name="Chiếu sáng")
    water = CategoryFactory(code="thoat-nuoc", name="Thoát nước")
    published(lights, 6)
    published(water, 3, status=Status.CLOSED, lat=10.7818, lon=106.7046)
    CaseFactory(category=lights, status=Status.ASSIGNED, is_public=False, lat=10.7736, lon=106.6945)  # not public
    CaseFactory(category=lights, status=Status.ANSWERED, is_public=True, lat=None, lon=None)  # no point
    page = patient(phone_page)
    page.goto(f"{live_server.url}/ban-do/", timeout=60_000)
    page.wait_for_selector("#public-map[data-loaded='9']")
    assert page.locator("#public-map .marker-cluster").count() >= 1
    assert page.locator("#public-map .basemap-ward").count() >= 1  # no tile server: ward names
    assert "9 phản ánh" in page.locator("#map-count").inner_text()
    screenshot(page, "public-map-phone")

    page.select_option("#id_category", label="Thoát nước")
    page.wait_for_selector("#public-map[data-loaded='3']")
    assert "category=" in page.url
    page.select_option("#id_category", index=0)
    page.select_option("#id_status", value="answered")
    page.wait_for_selector("#public-map[data-loaded='6']")
    page.select_option("#id_category", label="Thoát nước")
    page.wait_for_selector("#public-map[data-loaded='0']")
    assert "Không có phản ánh nào" in page.locator("#map-count").inner_text()


def test_public_map_popup_is_text_and_links_to_the_case(live_server, phone_page, db):
    category = CategoryFactory(code="ngap", name=HOSTILE)
    case = published(category, 1, title=HOSTILE)[0]
    case.refresh_from_db()
    page = patient(phone_page)
    page.goto(f"{live_server.url}/ban-do/", timeout=60_000)
    page.wait_for_selector("#public-map[data-loaded='1']")
    page.locator("#public-map .case-dot").first.click()
    popup = page.locator(".case-popup")
    popup.wait_for()
    assert HOSTILE in popup.inner_text()
    assert popup.locator("img").count() == 0
    assert page.evaluate("window.__owned") is None
    popup.get_by_role("link", name=case.tracking_code).click()
    page.wait_for_url(f"**/cong-khai/{case.tracking_code}/")


def test_public_map_layer_is_the_leaders_map_layer(live_server, desktop_page, supervisor, db):
    category = CategoryFactory(code="ngap", name=HOSTILE)
    CaseFactory(category=category, status=Status.IN_PROGRESS, lat=10.7735, lon=106.6944)
    wards_of_the_centre()
    page = patient(desktop_page)
    login(page, live_server, supervisor.username)
    page.goto(f"{live_server.url}/dieu-hanh/ban-do/")
    page.wait_for_selector("#case-map[data-loaded='1']")
    page.wait_for_selector("#case-map[data-basemap=labels]")
    assert page.locator("#case-map .basemap-ward").count() >= 1
    page.locator("#case-map .case-dot").first.click()
    popup = page.locator(".case-popup")
    popup.wait_for()
    assert HOSTILE in popup.inner_text() and popup.locator("img").count() == 0
    assert page.evaluate("window.__owned") is None
