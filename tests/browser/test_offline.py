"""The portal as an installed app on a phone: manifest, icons and a service worker; a report written
while the phone is offline is kept on the phone and sent once the connection is back — exactly one
case, even when the page is reloaded or the queue is flushed twice."""

from civicdesk.petitions.models import Case
from tests.browser.conftest import patient, screenshot
from tests.petitions.factories import jpeg_with_gps

TITLE = "Nắp cống bị mất ở hẻm 12"


def _wait_for_service_worker(page):
    page.wait_for_function("() => navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=30_000)


def _fill(page, tmp_path):
    photo = tmp_path / "nap-cong.jpg"
    photo.write_bytes(jpeg_with_gps((320, 240)))
    page.fill("#id_title", TITLE)
    page.fill("#id_content", "Nắp cống trước nhà số 5 hẻm 12 bị mất, rất nguy hiểm cho trẻ em.")
    page.fill("#id_reporter_name", "Võ Thị Hoa")
    page.fill("#id_reporter_phone", "0911 222 444")
    page.locator("#id_consent").check()
    page.set_input_files("#id_attachments", str(photo))
    page.locator("#file-list").filter(has_text="nap-cong.jpg").wait_for()


def test_offline_report_is_queued_and_sent_once_when_back_online(live_server, phone_page, routing_rule, tmp_path):
    page = patient(phone_page)
    page.goto(f"{live_server.url}/gui-phan-anh/", timeout=60_000)
    _wait_for_service_worker(page)  # installed: the form is kept for offline use
    page.context.set_offline(True)
    page.reload()  # offline, the form comes from the service worker's copy
    page.locator("#id_title").wait_for()
    _fill(page, tmp_path)
    page.get_by_role("button", name="Gửi phản ánh").click()
    status = page.locator("#offline-status")
    status.filter(has_text="đã được lưu trên máy này").wait_for()
    assert page.locator("#id_title").input_value() == ""  # the form is empty, ready for another
    assert page.evaluate("""() => new Promise(r => { const q = indexedDB.open('civicdesk-offline');
        q.onsuccess = () => { const g = q.result.transaction('reports').objectStore('reports').getAll();
        g.onsuccess = () => r(g.result.length); }; })""") == 1
    assert Case.objects.count() == 0
    screenshot(page, "offline-queued-phone")

    page.context.set_offline(False)
    page.wait_for_function("() => document.getElementById('offline-status').dataset.sentCodes", timeout=30_000)
    assert Case.objects.count() == 1
    case = Case.objects.get()
    assert case.title == TITLE and case.attachments.count() == 1
    assert case.tracking_code in status.inner_text()
    screenshot(page, "offline-sent-phone")

    # Flushing again (a second tab, a reload) sends nothing more.
    page.evaluate("window.civicdeskOffline.flush()")
    page.reload()
    page.wait_for_load_state("networkidle")
    assert Case.objects.count() == 1


def test_offline_report_sent_twice_makes_one_case(live_server, phone_page, routing_rule, tmp_path):
    """The answer to the first sending is lost (the page closes): the report is sent again with
    its token and intake returns the case already stored."""
    page = patient(phone_page)
    page.goto(f"{live_server.url}/gui-phan-anh/", timeout=60_000)
    page.context.set_offline(True)
    page.evaluate("window.dispatchEvent(new Event('offline'))")
    _fill(page, tmp_path)
    page.get_by_role("button", name="Gửi phản ánh").click()
    page.locator("#offline-status").filter(has_text="đã được lưu trên máy này").wait_for()
    # Keep a copy of the queued report, send it, then put the copy back as if its answer was lost.
    page.evaluate("""() => new Promise(r => { const q = indexedDB.open('civicdesk-offline');
        q.onsuccess = () => { const g = q.result.transaction('reports').objectStore('reports').getAll();
        g.onsuccess = () => { window.__copy = g.result[0]; r(); }; }; })""")
    page.context.set_offline(False)
    page.wait_for_function("() => document.getElementById('offline-status').dataset.sentCodes", timeout=30_000)
    page.evaluate("""() => new Promise(r => { const q = indexedDB.open('civicdesk-offline');
        q.onsuccess = () => { const t = q.result.transaction('reports', 'readwrite');
        t.objectStore('reports').put(window.__copy); t.oncomplete = r; }; })""")
    page.evaluate("window.civicdeskOffline.flush()")
    page.wait_for_function("() => document.getElementById('offline-status').dataset.sentCodes.split(' ').length === 2",
                           timeout=30_000)
    sent = page.get_attribute("#offline-status", "data-sent-codes").split()
    assert sent[0] == sent[1]
    assert Case.objects.count() == 1


def test_offline_manifest_and_service_worker_are_served(live_server, phone_page, db):
    page = patient(phone_page)
    page.goto(f"{live_server.url}/", timeout=60_000)
    manifest_href = page.get_attribute("link[rel=manifest]", "href")
    assert manifest_href == "/manifest.webmanifest"
    manifest = page.request.get(live_server.url + manifest_href)
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    data = manifest.json()
    assert data["display"] == "standalone" and data["scope"] == "/"
    for icon in data["icons"]:
        assert page.request.get(live_server.url + icon["src"]).status == 200
    _wait_for_service_worker(page)
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL").endswith("/sw.js")
    assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)") == live_server.url + "/"
