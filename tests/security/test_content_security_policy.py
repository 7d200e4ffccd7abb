"""Issue 12 item 16: a Content-Security-Policy without inline script or style, and templates that
need none — every template file, and the pages the real views render."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import civicdesk

TEMPLATES = sorted(Path(civicdesk.__file__).parent.rglob("templates/**/*.html"))


class InlineFinder(HTMLParser):
    """Inline script (a <script> without src that a browser would run), event-handler attributes,
    style attributes, <style> elements and javascript: URLs."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "script" and "src" not in names and names.get("type") not in ("application/json",):
            self.found.append("<script> without src")
        if tag == "style":
            self.found.append("<style>")
        for name, value in attrs:
            if name.startswith("on") or name.startswith("hx-on"):
                self.found.append(f"{name}=")
            if name == "style":
                self.found.append("style=")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f"{name}=javascript:")


def _inline(html: str) -> list[str]:
    finder = InlineFinder()
    finder.feed(html)
    return finder.found


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(Path(civicdesk.__file__).parent)))
def test_no_template_has_inline_script_or_style(template):
    text = template.read_text(encoding="utf-8")
    without_tags = re.sub(r"{%.*?%}|{{.*?}}", "x", text, flags=re.S)
    assert _inline(without_tags) == []


def test_pages_carry_the_policy(client, db):
    policy = client.get("/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


def test_the_tile_server_may_serve_map_images():
    # settings are read at start-up; the policy is built from CIVICDESK_TILE_URL then
    from civicdesk.settings import _tile_origin

    assert _tile_origin("https://tile.example.vn/{z}/{x}/{y}.png") == ["https://tile.example.vn"]
    assert _tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == ["https://*.tile.example.org"]
    assert _tile_origin("") == []


def _rendered_pages(client, case, officer, supervisor, operator):
    pages = {path: client.get(path) for path in ("/", "/gui-phan-anh/", f"/tra-cuu/{case.tracking_code}/",
                                                 "/cong-khai/", "/tai-khoan/dang-nhap/", "/tro-ly/")}
    for user, paths in ((officer, ["/xu-ly/", f"/xu-ly/ho-so/{case.tracking_code}/"]),
                        (supervisor, ["/dieu-hanh/", "/dieu-hanh/xep-hang/", "/dieu-hanh/diem-nong/",
                                      "/dieu-hanh/ban-do/", "/dieu-hanh/ho-so/"]),
                        (operator, ["/quy-trinh/tong-dai/", "/quy-trinh/ho-so/"])):
        client.force_login(user)
        pages.update({path: client.get(path) for path in paths})
    pages["/gui-phan-anh/ (errors)"] = client.post("/gui-phan-anh/", {})
    return pages


def test_the_main_pages_render_without_inline_script_or_style(client, case, officer, supervisor, operator):
    for path, response in _rendered_pages(client, case, officer, supervisor, operator).items():
        assert response.status_code == 200, path
        assert _inline(response.content.decode()) == [], path
