"""Issue 12 item 16: outside demo mode the settings are those of a public site — checked in a fresh
process with a production environment (no CIVICDESK_DEMO, no CIVICDESK_TESTING)."""

import json
import os
import secrets
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from civicdesk.lib.env import DEMO_SECRET_KEY

ROOT = Path(__file__).resolve().parents[2]
HOST = "congdan.example.vn"


def _production_env(tmp_path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CIVICDESK_", "DJANGO_"))}
    env.update({
        "PYTHONPATH": str(ROOT),  # this tree's code, whatever the virtualenv points at
        "DJANGO_SETTINGS_MODULE": "civicdesk.settings",
        "CIVICDESK_DATA_DIR": str(tmp_path),
        "CIVICDESK_ALLOWED_HOSTS": HOST,
        "CIVICDESK_SECRET_KEY": secrets.token_urlsafe(50),
    })
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    result = _run(["-m", "civicdesk.cli", "check", "--deploy", "--fail-level", "WARNING"], _production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


PROBE = textwrap.dedent(f"""
    import json, django
    django.setup()
    from django.test import Client
    client = Client(HTTP_HOST="{HOST}")
    plain = client.get("/tai-khoan/dang-nhap/")
    secure = client.get("/tai-khoan/dang-nhap/", secure=True)
    print(json.dumps({{
        "redirect": [plain.status_code, plain.get("Location")],
        "hsts": secure.get("Strict-Transport-Security"),
        "csp": secure.get("Content-Security-Policy"),
        "cookies": {{name: bool(cookie["secure"]) for name, cookie in secure.cookies.items()}},
    }}))
""")


def test_a_public_site_redirects_to_https_sends_hsts_and_secure_cookies(tmp_path):
    result = _run(["-c", PROBE], _production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["redirect"] == [301, f"https://{HOST}/tai-khoan/dang-nhap/"]
    assert seen["hsts"].startswith("max-age=31536000") and "includeSubDomains" in seen["hsts"]
    assert "script-src 'self'" in seen["csp"] and "unsafe-inline" not in seen["csp"]
    assert seen["cookies"] == {"csrftoken": True}


def test_the_demo_keeps_plain_http(tmp_path):
    result = _run(["-c", PROBE], _production_env(tmp_path, CIVICDESK_DEMO="1", CIVICDESK_SECRET_KEY=None))
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["redirect"][0] == 200 and seen["hsts"] is None and seen["cookies"] == {"csrftoken": False}


@pytest.mark.parametrize(("key", "message"), [
    (None, "must be set outside demo mode"),
    (DEMO_SECRET_KEY, "is the demo key"),
    ("bench-only-secret", "too weak"),
    ("a" * 60, "too weak"),
    ("django-insecure-" + "k3Xq9-vTz8Lw2Pm7Rb4Nc6Hy1Jd5Gf0Sa" * 2, "too weak"),
], ids=["missing", "demo", "short", "one-character", "startproject"])
def test_a_missing_weak_or_demo_secret_key_stops_the_start(tmp_path, key, message):
    result = _run(["-m", "civicdesk.cli", "check"], _production_env(tmp_path, CIVICDESK_SECRET_KEY=key))
    assert result.returncode != 0
    assert "CIVICDESK_SECRET_KEY" in result.stderr and message in result.stderr


def test_debug_alone_does_not_fall_back_to_the_demo_key(tmp_path):
    result = _run(["-m", "civicdesk.cli", "check"], _production_env(tmp_path, CIVICDESK_DEBUG="1", CIVICDESK_SECRET_KEY=None))
    assert result.returncode != 0
    assert "CIVICDESK_DEBUG=1 does not make a demo" in result.stderr


def test_evaluations_run_without_a_secret_key(tmp_path):
    result = _run(["-m", "civicdesk.cli", "eval-routing", "--help"], _production_env(tmp_path, CIVICDESK_SECRET_KEY=None))
    assert result.returncode == 0, result.stderr
