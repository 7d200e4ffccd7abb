"""Issue 12 item 16: under the Content-Security-Policy (no inline script or style, no eval) every
main page still works, and the browser reports no violation — a blocked script breaks a page
silently, so violations are collected from the console and from `securitypolicyviolation` events."""

import pytest
from playwright.sync_api import expect

from civicdesk.accounts.models import Role
from civicdesk.dashboard import facts, synthetic
from tests.browser.conftest import login, screenshot
from tests.factories import UserFactory

COLLECT = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__cspViolations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + (e.sourceFile || '') + ':' + e.lineNumber);
});
"""


class Watcher:
    """Console errors about the policy and page errors, for one browser page."""

    def __init__(self, page):
        self.page = page
        self.console: list[str] = []
        self.errors: list[str] = []
        page.add_init_script(COLLECT)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _console(self, message):
        if message.type in ("error", "warning") and "Content Security Policy" in message.text:
            self.console.append(message.text)

    def visit(self, url: str) -> None:
        response = self.page.goto(url)
        assert response is not None and response.ok, url
        assert "script-src 'self'" in (response.headers.get("content-security-policy") or ""), url
        self.page.wait_for_load_state("networkidle")
        self.check(url)

    def check(self, where: str) -> None:
        events = self.page.evaluate("window.__cspViolations || []")
        assert events == [] and self.console == [], (where, events, self.console)
        assert self.errors == [], (where, self.errors)


@pytest.fixture
def city(transactional_db, category, agency, routing_rule):
    synthetic.generate(120, days=30, seed=3)
    facts.rebuild_all()


def test_citizen_pages_run_under_the_policy(live_server, phone_page, case, city):
    watch = Watcher(phone_page)
    for path in ("/", "/gui-phan-anh/", f"/tra-cuu/{case.tracking_code}/", "/tra-cuu/", "/cong-khai/",
                 "/du-lieu-ca-nhan/", "/tai-khoan/dang-nhap/"):
        watch.visit(live_server.url + path)
    # the reporter's own view, through the secret link of the receipt
    from civicdesk.petitions import reporter_access

    reporter_access.issue(case)
    case.save()
    watch.visit(live_server.url + reporter_access.secret_link(case, absolute=False))
    # the phone menu opens (it was an onclick= attribute)
    watch.visit(live_server.url + "/")
    phone_page.click("button.menu-toggle")
    assert phone_page.get_attribute("button.menu-toggle", "aria-expanded") == "true"
    assert phone_page.locator("#mainnav").is_visible()
    # a refused submission puts the focus on the list of errors (it was an inline <script>)
    watch.visit(live_server.url + "/gui-phan-anh/")
    phone_page.evaluate("document.querySelectorAll('#case-form [required]').forEach(e => e.removeAttribute('required'))")
    phone_page.click("#case-form button[type=submit]")
    phone_page.wait_for_load_state("networkidle")
    assert phone_page.evaluate("document.activeElement && document.activeElement.id") == "error-summary"
    watch.check("submit with errors")
    # htmx filtering of the public list
    watch.visit(live_server.url + "/cong-khai/")
    with phone_page.expect_response(lambda r: "/cong-khai/" in r.url and r.request.headers.get("hx-request")):
        phone_page.fill("#id_q", "đèn")
    phone_page.wait_for_load_state("networkidle")
    watch.check("public list filtered")
    screenshot(phone_page, "csp-public-list-phone")


def test_staff_pages_run_under_the_policy(live_server, desktop_page, officer, supervisor, operator, case, city):
    watch = Watcher(desktop_page)
    login(desktop_page, live_server, officer.username)
    watch.visit(live_server.url + "/xu-ly/")
    with desktop_page.expect_response(lambda r: "/xu-ly/" in r.url and r.request.headers.get("hx-request")):
        desktop_page.locator("#id_q").press_sequentially("den")  # the inbox listens to keyup
    desktop_page.wait_for_load_state("networkidle")
    watch.check("inbox filtered")
    watch.visit(live_server.url + f"/xu-ly/ho-so/{case.tracking_code}/")
    screenshot(desktop_page, "csp-officer-case-desktop")

    desktop_page.context.clear_cookies()
    login(desktop_page, live_server, supervisor.username)
    for path in ("/dieu-hanh/", "/dieu-hanh/ban-do/", "/dieu-hanh/xep-hang/", "/dieu-hanh/diem-nong/",
                 "/dieu-hanh/ho-so/", "/dieu-hanh/qua-han/"):
        watch.visit(live_server.url + path)
        if path == "/dieu-hanh/xep-hang/":
            assert desktop_page.locator(".bar rect").count() >= 1  # the on-time bars, SVG now
            screenshot(desktop_page, "csp-dashboard-league-desktop")
    watch.visit(live_server.url + "/dieu-hanh/ban-do/")
    desktop_page.wait_for_function("document.getElementById('case-map').dataset.loaded !== undefined")
    assert desktop_page.locator("#map-legend i").count() >= 5  # swatches coloured through the DOM
    watch.check("map")
    screenshot(desktop_page, "csp-dashboard-map-desktop")

    desktop_page.context.clear_cookies()
    login(desktop_page, live_server, operator.username)
    watch.visit(live_server.url + "/quy-trinh/tong-dai/")


def test_an_officer_note_and_the_assistant_chat_use_htmx_without_eval(live_server, desktop_page, officer, case):
    from civicdesk.petitions.models import Status
    from civicdesk.workflow.transitions import move

    move(case, Status.IN_PROGRESS, officer)
    watch = Watcher(desktop_page)
    login(desktop_page, live_server, officer.username)
    watch.visit(live_server.url + f"/xu-ly/ho-so/{case.tracking_code}/")
    desktop_page.fill("#note-form textarea", "Đã gọi điện cho người dân.")
    with desktop_page.expect_response(lambda r: "/ghi-chu/" in r.url):
        desktop_page.click("#note-form button[type=submit]")
    # the swap and the reset follow the response: wait for them rather than for an idle network
    expect(desktop_page.locator("#case-timeline")).to_contain_text("Đã gọi điện cho người dân.")
    expect(desktop_page.locator("#note-form textarea")).to_have_value("")  # reset after success (was hx-on)
    watch.check("note saved")

    watch.visit(live_server.url + "/tro-ly/")
    desktop_page.fill("#id_q", "làm căn cước ở đâu?")
    with desktop_page.expect_response(lambda r: "/tro-ly/" in r.url and r.request.method == "POST"):
        desktop_page.click("#ask-form button[type=submit]")
    expect(desktop_page.locator("#conversation > *").first).to_be_visible()
    expect(desktop_page.locator("#id_q")).to_have_value("")
    watch.check("assistant asked")


def test_the_admin_and_the_api_docs_run_under_the_policy(live_server, desktop_page, db):
    UserFactory(username="quantri", role=Role.ADMIN, is_staff=True, is_superuser=True)
    watch = Watcher(desktop_page)
    watch.visit(live_server.url + "/admin/login/")
    desktop_page.fill("#id_username", "quantri")
    desktop_page.fill("#id_password", "mat-khau-thu-1022")
    desktop_page.click("input[type=submit]")
    desktop_page.wait_for_load_state("networkidle")
    for path in ("/admin/", "/admin/petitions/case/", "/admin/petitions/category/", "/admin/petitions/category/add/", "/admin/accounts/user/"):
        watch.visit(live_server.url + path)
    watch.visit(live_server.url + "/api/v1/docs")
    desktop_page.wait_for_selector(".swagger-ui .info", timeout=15_000)
    watch.check("api docs")
