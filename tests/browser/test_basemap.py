"""Maps without a tile server (the default) draw the city's ward names at their centres, not dots
on a blank grid: the citizen's form, the public map and the leaders' map share the base."""

from tests.browser.conftest import patient, screenshot
from tests.factories import WardFactory


def wards_of_the_centre():
    return [WardFactory(name="Phường Bến Thành", short_name="Bến Thành", lat=10.7735, lon=106.6944, area_km2=2.6),
            WardFactory(name="Phường Sài Gòn", short_name="Sài Gòn", lat=10.7818, lon=106.7046, area_km2=3.2),
            WardFactory(name="Phường Xóm Chiếu", short_name="Xóm Chiếu", lat=10.7580, lon=106.7105, area_km2=1.1)]


def test_public_map_base_without_tile_url_draws_ward_names(live_server, phone_page, db, settings):
    settings.TILE_URL = ""
    wards_of_the_centre()
    page = patient(phone_page)
    page.goto(f"{live_server.url}/gui-phan-anh/")
    page.wait_for_selector("#map[data-basemap=labels]")
    labels = page.locator("#map .basemap-ward")
    labels.first.wait_for()
    names = set(labels.all_inner_texts())
    assert {"Bến Thành", "Sài Gòn", "Xóm Chiếu"} <= names
    assert page.locator("#map .leaflet-tile").count() == 0  # nothing fetched from a tile server
    page.locator("#map").scroll_into_view_if_needed()
    screenshot(page, "submit-map-ward-names-phone")


def test_public_map_base_with_tile_url_uses_the_tiles(live_server, phone_page, db, settings):
    settings.TILE_URL = f"{live_server.url}/static/vendor/leaflet/images/marker-icon.png?{{z}}/{{x}}/{{y}}"
    wards_of_the_centre()
    page = patient(phone_page)
    page.goto(f"{live_server.url}/gui-phan-anh/")
    page.wait_for_selector("#map[data-basemap=tiles]")
    page.locator("#map .leaflet-tile").first.wait_for(state="attached")
    assert page.locator("#map .basemap-ward").count() == 0
