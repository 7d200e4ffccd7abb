"""How long the Zalo webhook takes to answer, per kind of event (Zalo wants an answer within ~2 s).

    .venv/bin/python bench/zalo/webhook_latency.py [--reports 30]

A fresh SQLite database in a temporary directory, the loopback Zalo of tests/zalo/fake_zalo.py, and
each citizen's full conversation (text, address, photo, "xong", "bỏ qua", "đồng ý") then a status
query, posted signed through Django's test client; tasks run in-process (no broker), so each time
includes sending the reply to the loopback OA API — with a broker the reply leaves the request."""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["CIVICDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="zalo-bench-")
os.environ.setdefault("CIVICDESK_DEMO", "1")
os.environ["CIVICDESK_ACCESS_LOG"] = "0"
os.environ["CIVICDESK_LOG_LEVEL"] = "ERROR"
os.environ["DJANGO_SETTINGS_MODULE"] = "civicdesk.settings"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from civicdesk.notifications.models import ZaloAccount  # noqa: E402
from civicdesk.organisation.models import AdminUnit  # noqa: E402
from tests.zalo.conftest import Phone, jpeg  # noqa: E402
from tests.zalo.fake_zalo import APP_ID, APP_SECRET, OA_SECRET, FakeZalo  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reports", type=int, default=30)
    reports = parser.parse_args().reports
    call_command("migrate", verbosity=0)
    province = AdminUnit.objects.create(code="79", name="Thành phố Hồ Chí Minh", short_name="Hồ Chí Minh",
                                        level=AdminUnit.Level.PROVINCE)
    AdminUnit.objects.create(code="26743", name="Phường Bến Thành", short_name="Bến Thành", parent=province,
                             level=AdminUnit.Level.WARD)
    fake = FakeZalo().start()
    settings.ZALO_OPENAPI_URL = settings.ZALO_OAUTH_URL = settings.ZALO_ZNS_URL = fake.url
    access, refresh = fake.issue_tokens()
    ZaloAccount.objects.update_or_create(pk=1, defaults={
        "enabled": True, "app_id": APP_ID, "app_secret": APP_SECRET, "oa_secret": OA_SECRET,
        "access_token": access, "refresh_token": refresh})
    photo = fake.cdn("photo.jpg", jpeg(1600, 1200))
    timings: dict[str, list[float]] = {}
    client = Client()
    for number in range(reports):
        phone = Phone(client, fake, user_id=f"84000000{number:06d}")
        steps = [("text", phone.text, "Nắp hố ga trước số 45 Lê Thánh Tôn bị vỡ, xe máy sụp bánh"),
                 ("address", phone.text, "45 Lê Thánh Tôn, phường Bến Thành"),
                 ("photo 1600x1200", phone.image, photo), ("xong", phone.text, "xong"),
                 ("phone", phone.text, "bỏ qua"), ("confirm (intake)", phone.text, "đồng ý")]
        for label, step, what in steps:
            start = time.perf_counter()
            assert step(what).status_code == 200
            timings.setdefault(label, []).append((time.perf_counter() - start) * 1000)
        code = fake.texts_to(phone.user_id)[-1].split("Mã tra cứu: ")[1][:9]
        start = time.perf_counter()
        assert phone.text(f"tra cứu {code}").status_code == 200
        timings.setdefault("status query", []).append((time.perf_counter() - start) * 1000)
    fake.stop()
    print(f"{reports} conversations, ms per webhook request (median / p95 / max):")
    for label, values in timings.items():
        values.sort()
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        print(f"  {label:18} {statistics.median(values):7.1f} {p95:7.1f} {values[-1]:7.1f}")


if __name__ == "__main__":
    main()
