"""Playwright for Python driving Debian's chromium against pytest-django's live server.

Without chromium the browser tests skip with the reason; with CIVICDESK_REQUIRE_BROWSER=1 (CI)
a missing browser is an error instead."""

import os
import shutil
from pathlib import Path

import pytest

from tests.notifications.smtp import smtp_inbox  # noqa: F401  (a real SMTP server for e-mailed links)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOT_DIR = Path(os.environ.get("CIVICDESK_SCREENSHOT_DIR", "")) if os.environ.get(
    "CIVICDESK_SCREENSHOT_DIR") else None

PHONE = {"width": 390, "height": 844}
TABLET = {"width": 820, "height": 1180}
DESKTOP = {"width": 1366, "height": 900}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_browser():
    if not CHROMIUM:
        if os.environ.get("CIVICDESK_REQUIRE_BROWSER") == "1":
            pytest.fail("Debian's chromium is required here (CIVICDESK_REQUIRE_BROWSER=1) but was not found")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--lang=vi-VN"],
        )
        yield browser
        browser.close()


def _context(browser, viewport, **extra):
    return browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **extra)


@pytest.fixture
def phone_page(chromium_browser):
    context = _context(chromium_browser, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def desktop_page(chromium_browser):
    context = _context(chromium_browser, DESKTOP)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def tablet_page(chromium_browser):
    context = _context(chromium_browser, TABLET, has_touch=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def login(page, live_server, username, password="mat-khau-thu-1022"):
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def screenshot(page, name: str) -> None:
    """Save a screenshot into docs/screenshots when CIVICDESK_SCREENSHOT_DIR is set (scripts/screenshots)."""
    if SCREENSHOT_DIR:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=True)


def patient(page):
    """This machine may be busy (the browser, the server and other test workers share two cores):
    waits are longer than the fixtures' 10 s, the first page of a fresh server longest."""
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(60_000)
    return page
