"""The citizen pages as an installable app: the web app manifest and the service worker's settings
(what it keeps for offline use, under a version that changes with those files)."""

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _

SERVICE_WORKER = "petitions/service-worker.js"
# Static files the offline pages need (the submit form with its map, the offline page).
OFFLINE_STATIC = [
    "civicdesk/site.css", "civicdesk/site.js", "vendor/htmx/htmx.min.js", "petitions/petitions.css",
    "petitions/submit.js", "petitions/offline.js", "civicdesk/basemap.js", "vendor/leaflet/leaflet.css",
    "vendor/leaflet/leaflet.js", "petitions/icons/icon-192.png",
]


def manifest() -> dict:
    return {
        "name": _("Cổng tiếp nhận phản ánh, kiến nghị"),
        "short_name": _("Phản ánh 1022"),
        "description": _("Gửi phản ánh, kiến nghị có ảnh và vị trí; theo dõi bằng mã tra cứu."),
        "id": "/",
        "start_url": reverse("petitions:home") + "?nguon=ung-dung",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#b3261e",
        "lang": "vi",
        "icons": [
            {"src": static("petitions/icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("petitions/icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("petitions/icons/icon-maskable-512.png"), "sizes": "512x512", "type": "image/png",
             "purpose": "maskable"},
        ],
        "shortcuts": [
            {"name": _("Gửi phản ánh"), "url": reverse("petitions:submit")},
            {"name": _("Tra cứu"), "url": reverse("petitions:track_lookup")},
            {"name": _("Bản đồ"), "url": reverse("petitions:public_map")},
        ],
    }


def _read(path: str) -> bytes:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(path)
    with open(found if isinstance(found, str) else found[0], "rb") as handle:
        return handle.read()


@cache
def service_worker_source() -> str:
    """The worker's code, its settings first. The version is a hash of the worker and of every file
    it keeps, so a deployment that changes one of them makes browsers fetch them again."""
    precache_pages = [reverse("petitions:home"), reverse("petitions:submit"), reverse("petitions:offline")]
    precache = [*precache_pages, *(static(path) for path in OFFLINE_STATIC), reverse("organisation:basemap")]
    digest = hashlib.sha256(_read(SERVICE_WORKER))
    for path in OFFLINE_STATIC:
        digest.update(_read(path))
    config = {
        "version": digest.hexdigest()[:12],
        "precache": precache,
        "offline": reverse("petitions:offline"),
        "staticUrl": settings.STATIC_URL,
        "basemap": reverse("organisation:basemap"),
    }
    return f"self.CIVICDESK = {json.dumps(config)};\n" + _read(SERVICE_WORKER).decode("utf-8")
