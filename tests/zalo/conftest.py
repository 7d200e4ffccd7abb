"""Fixtures for the Zalo OA channel: the loopback Zalo, a configured OA, today's wards, and a citizen's
phone that posts events to the webhook signed as Zalo signs them."""

import io
import json
import time

import pytest
from PIL import Image

from civicdesk.notifications.models import ZaloAccount
from tests.factories import ProvinceFactory, WardFactory
from tests.zalo.fake_zalo import APP_ID, APP_SECRET, OA_SECRET, FakeZalo, sign

OA_ID = "579745863508352884"
CITIZEN = "8463528401923847561"


@pytest.fixture
def fake_zalo(settings):
    fake = FakeZalo().start()
    settings.ZALO_OPENAPI_URL = settings.ZALO_OAUTH_URL = settings.ZALO_ZNS_URL = fake.url
    settings.ZALO_TIMEOUT = 1.0
    yield fake
    fake.stop()


@pytest.fixture
def zalo_account(db, fake_zalo):
    access, refresh = fake_zalo.issue_tokens()
    account = ZaloAccount.load()
    account.enabled = True
    account.app_id, account.app_secret, account.oa_secret = APP_ID, APP_SECRET, OA_SECRET
    account.access_token, account.refresh_token = access, refresh
    account.zns_template_received, account.zns_template_progress = "tpl-received", "tpl-progress"
    account.zns_template_answered = "tpl-answered"
    account.save()
    return account


@pytest.fixture
def wards(db):
    province = ProvinceFactory()
    rows = {"26743": ("Phường Bến Thành", 10.7713, 106.694), "27142": ("Phường Nhiêu Lộc", 10.7871, 106.681)}
    return {code: WardFactory(code=code, name=name, short_name=name.split(" ", 1)[1], parent=province, lat=lat, lon=lon)
            for code, (name, lat, lon) in rows.items()}


def jpeg(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(buffer, "JPEG")
    return buffer.getvalue()


class Phone:
    """A Zalo user writing to the OA: each call is the webhook POST Zalo would make."""

    def __init__(self, client, fake: FakeZalo, user_id: str = CITIZEN, on_commit=None):
        self.client, self.fake, self.user_id = client, fake, user_id
        # In a test's transaction nothing commits: run the after-commit hooks (reply tasks) as a commit would.
        self.on_commit = on_commit
        self.sent = 0
        fake.window_open.add(user_id)

    def event(self, name: str, message: dict | None = None, *, timestamp: int | None = None,
              signature: str | None = None, raw: bytes | None = None):
        self.sent += 1
        ts = str(timestamp if timestamp is not None else int(time.time() * 1000))
        payload = {"app_id": APP_ID, "event_name": name, "timestamp": ts, "user_id_by_app": "5521772797175877"}
        if name in ("follow", "unfollow"):
            payload |= {"oa_id": OA_ID, "follower": {"id": self.user_id}, "source": "oa_profile"}
        elif name in ("user_received_message", "user_seen_message"):  # the OA's message reached the user
            payload |= {"sender": {"id": OA_ID}, "recipient": {"id": self.user_id}, "message": message or {}}
        else:
            payload |= {"sender": {"id": self.user_id}, "recipient": {"id": OA_ID},
                        "message": {"msg_id": f"msg{self.user_id[-4:]}{ts}{self.sent}", **(message or {})}}
        body = raw if raw is not None else json.dumps(payload, ensure_ascii=False).encode()
        headers = {} if signature == "" else {"HTTP_X_ZEVENT_SIGNATURE": signature or sign(body, ts)}
        if self.on_commit is None:
            return self.client.post("/zalo/webhook/", body, content_type="application/json", **headers)
        with self.on_commit(execute=True):
            return self.client.post("/zalo/webhook/", body, content_type="application/json", **headers)

    def text(self, text: str, **kwargs):
        return self.event("user_send_text", {"text": text}, **kwargs)

    def location(self, lat: float, lon: float):
        return self.event("user_send_location", {"attachments": [
            {"type": "location", "payload": {"coordinates": {"latitude": str(lat), "longitude": str(lon)}}}]})

    def image(self, url: str):
        return self.event("user_send_image", {"text": "", "attachments": [
            {"type": "image", "payload": {"thumbnail": url, "url": url}}]})

    def replies(self) -> list[str]:
        return self.fake.texts_to(self.user_id)


@pytest.fixture
def phone(client, fake_zalo, zalo_account, django_capture_on_commit_callbacks):
    return Phone(client, fake_zalo, on_commit=django_capture_on_commit_callbacks)
