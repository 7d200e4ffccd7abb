"""The operations dashboard in a real browser: charts are drawn, the map shows clusters and the
density layer, the KPI block refreshes itself; screenshots at desktop and tablet sizes."""

import pytest

from civicdesk.dashboard import facts, synthetic
from tests.browser.conftest import login, screenshot


@pytest.fixture
def city_data(transactional_db):
    synthetic.generate(900, days=100, seed=7)
    facts.rebuild_all()


def _open(page, live_server, path):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + path)
    page.wait_for_load_state("networkidle")
    return errors


def _drawn(page, selector) -> bool:
    """A Chart.js canvas has a chart attached and at least one non-blank pixel."""
    return page.evaluate("""(selector) => {
        const canvas = document.querySelector(selector);
        if (!canvas || !window.Chart || !Chart.getChart(canvas)) return false;
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) return true; }
        return false;
    }""", selector)


def test_the_overview_draws_its_charts(live_server, desktop_page, tablet_page, supervisor, city_data):
    for page, size in ((desktop_page, "desktop"), (tablet_page, "tablet")):
        login(page, live_server, supervisor.username)
        errors = _open(page, live_server, "/dieu-hanh/")
        for chart in ("#chart-trend", "#chart-category", "#chart-channel", "#chart-ward"):
            assert _drawn(page, chart), chart
        assert page.locator("[data-kpi=received] .value").inner_text().strip() not in ("", "—", "0")
        assert errors == []
        screenshot(page, f"dashboard-overview-{size}")


def test_the_kpi_block_refreshes_without_reloading(live_server, desktop_page, supervisor, city_data):
    login(desktop_page, live_server, supervisor.username)
    _open(desktop_page, live_server, "/dieu-hanh/")
    desktop_page.evaluate("window.__notReloaded = true")
    with desktop_page.expect_response(lambda r: "/dieu-hanh/so-lieu/" in r.url and r.status == 200):
        desktop_page.evaluate("htmx.trigger('#kpis', 'refresh')")  # the same request the 60 s timer sends
    desktop_page.wait_for_load_state("networkidle")
    assert desktop_page.evaluate("window.__notReloaded") is True
    assert desktop_page.locator("#kpis [data-kpi=overdue_now]").count() == 1


def test_the_map_shows_clusters_and_density(live_server, desktop_page, tablet_page, supervisor, city_data):
    for page, size in ((desktop_page, "desktop"), (tablet_page, "tablet")):
        login(page, live_server, supervisor.username)
        errors = _open(page, live_server, "/dieu-hanh/ban-do/")
        page.wait_for_selector("#case-map[data-loaded]")
        assert int(page.get_attribute("#case-map", "data-loaded")) > 0
        assert page.locator(".marker-cluster").count() > 0
        assert page.locator("canvas.leaflet-heatmap-layer").count() == 1
        assert page.locator("#tiles-off").is_visible()  # no tile server configured in tests
        assert errors == []
        screenshot(page, f"dashboard-map-{size}")


def test_the_map_filters_by_status(live_server, desktop_page, supervisor, city_data):
    login(desktop_page, live_server, supervisor.username)
    _open(desktop_page, live_server, "/dieu-hanh/ban-do/")
    desktop_page.wait_for_selector("#case-map[data-loaded]")
    everything = int(desktop_page.get_attribute("#case-map", "data-loaded"))
    desktop_page.check("input[name=status][value=answered]")
    desktop_page.click("form.dash-filters button[type=submit]")
    desktop_page.wait_for_selector("#case-map[data-loaded]")
    answered = int(desktop_page.get_attribute("#case-map", "data-loaded"))
    assert 0 < answered < everything


@pytest.mark.parametrize("path,name", [
    ("/dieu-hanh/xep-hang/", "league"),
    ("/dieu-hanh/qua-han/", "overdue"),
    ("/dieu-hanh/diem-nong/", "hotspots"),
    ("/dieu-hanh/ho-so/?state=overdue", "cases"),
])
def test_the_other_views_at_desktop_and_tablet(live_server, desktop_page, tablet_page, supervisor, city_data,
                                               path, name):
    for page, size in ((desktop_page, "desktop"), (tablet_page, "tablet")):
        login(page, live_server, supervisor.username)
        errors = _open(page, live_server, path)
        assert page.locator("main table, main .hotspot").count() > 0
        assert errors == []
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= page.viewport_size["width"], f"{path} is {width} px wide"
        screenshot(page, f"dashboard-{name}-{size}")


def test_drill_down_from_overdue_to_a_case(live_server, desktop_page, supervisor, city_data):
    login(desktop_page, live_server, supervisor.username)
    _open(desktop_page, live_server, "/dieu-hanh/qua-han/")
    desktop_page.locator("main table tbody a").first.click()
    desktop_page.wait_for_load_state("networkidle")
    desktop_page.locator("main table.case-table tbody a.code").first.click()
    desktop_page.wait_for_load_state("networkidle")
    assert desktop_page.locator("ol.timeline li").count() >= 2
    screenshot(desktop_page, "dashboard-case-desktop")
