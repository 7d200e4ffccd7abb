"""The installable app's server side: the manifest at /manifest.webmanifest, the service worker at
/sw.js (scope "/" without a special header, never cached by HTTP, under the site's CSP) and the
offline page; only anonymous pages are kept for offline use."""

import json

from django.test import override_settings


def test_offline_manifest_is_at_its_exact_url(client, db):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["start_url"].startswith("/") and data["scope"] == "/" and data["display"] == "standalone"
    assert {icon["sizes"] for icon in data["icons"]} == {"192x192", "512x512"}
    assert any(icon.get("purpose") == "maskable" for icon in data["icons"])
    assert data["name"] == "Cổng tiếp nhận phản ánh, kiến nghị"
    assert 'rel="manifest" href="/manifest.webmanifest"' in client.get("/").content.decode()


def test_offline_service_worker_headers_and_what_it_keeps(client, db):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    assert "script-src 'self'" in response["Content-Security-Policy"]
    source = response.content.decode()
    config = json.loads(source.split("\n", 1)[0].removeprefix("self.CIVICDESK = ").removesuffix(";"))
    assert {"/", "/gui-phan-anh/", "/ngoai-tuyen/"} <= set(config["precache"])
    # No page with someone's data: confirmation, tracking, account or staff pages.
    assert not [url for url in config["precache"] if url.startswith(("/tra-cuu/", "/gui-phan-anh/da-gui", "/tai-khoan",
                                                                     "/xu-ly", "/quy-trinh", "/dieu-hanh", "/admin"))]
    assert 'credentials: "omit"' in source and 'request.method !== "GET"' in source


@override_settings(LANGUAGE_CODE="vi")
def test_offline_page_invites_to_write_a_report(client, db):
    html = client.get("/ngoai-tuyen/").content.decode()
    assert "Không có kết nối mạng" in html and 'href="/gui-phan-anh/"' in html
