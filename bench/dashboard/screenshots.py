"""Screenshots of every dashboard view from a running demo (`civicdesk demo --cases 3000`), at desktop
and tablet sizes, into docs/screenshots/dashboard-*.png.

    CIVICDESK_DATA_DIR=/tmp/demo civicdesk demo --no-serve --cases 3000
    CIVICDESK_DEMO=1 CIVICDESK_DATA_DIR=/tmp/demo civicdesk runserver 127.0.0.1:8108 --noreload &
    .venv/bin/python bench/dashboard/screenshots.py --url http://127.0.0.1:8108

The browser tests (tests/browser/test_dashboard.py) save the same names from their own fixture data
when run through scripts/screenshots."""

import argparse
import shutil
from pathlib import Path

from playwright.sync_api import sync_playwright

VIEWS = [
    ("overview", "/dieu-hanh/"),
    ("league", "/dieu-hanh/xep-hang/"),
    ("overdue", "/dieu-hanh/qua-han/"),
    ("cases", "/dieu-hanh/ho-so/?state=overdue"),
    ("map", "/dieu-hanh/ban-do/"),
    ("hotspots", "/dieu-hanh/diem-nong/?period=7d"),
]
SIZES = {"desktop": {"width": 1366, "height": 900}, "tablet": {"width": 820, "height": 1180}}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8108")
    parser.add_argument("--user", default="lanhdao")
    parser.add_argument("--password", default="demo-1022")
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[2] / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium"), headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"])
        for size, viewport in SIZES.items():
            context = browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            page.goto(f"{args.url}/tai-khoan/dang-nhap/")
            page.fill("#id_username", args.user)
            page.fill("#id_password", args.password)
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
            for name, path in VIEWS:
                page.goto(args.url + path)
                page.wait_for_load_state("networkidle")
                if name == "map":
                    page.wait_for_selector("#case-map[data-loaded]")
                page.screenshot(path=str(out / f"dashboard-{name}-{size}.png"), full_page=True)
            if size == "desktop":
                page.goto(f"{args.url}/dieu-hanh/ho-so/?state=overdue")
                page.locator("main table.case-table tbody a.code").first.click()
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(out / "dashboard-case-desktop.png"), full_page=True)
            context.close()
            if errors:
                raise SystemExit(f"JavaScript errors at {size}: {errors}")
        browser.close()
    print(f"Screenshots in {out}")


if __name__ == "__main__":
    main()
