"""Staff single sign-on (OpenID Connect) against a real provider: django-oauth-toolkit started as a
second server process on loopback, speaking the authorization-code flow. civicdesk takes role and
agency from the claims (or from what an administrator set), and refuses — with a message on the
login page — a token from another issuer, an expired token and a person without a staff role."""

import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

from civicdesk.accounts.models import Role, User

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "mat-khau-thanh-pho"
CLIENT_ID, CLIENT_SECRET = "civicdesk-test", secrets.token_urlsafe(24)

pytestmark = pytest.mark.django_db(transaction=True)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def provider(live_server, tmp_path_factory):
    data = tmp_path_factory.mktemp("oidc-provider")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings", "OIDC_PROVIDER_DATA": str(data),
           "PYTHONPATH": str(ROOT)}
    env.pop("CIVICDESK_DATABASE_URL", None)
    callback = f"{live_server.url}/tai-khoan/dang-nhap/sso/callback/"
    subprocess.run([sys.executable, "-m", "tests.oidc_provider.prepare", callback, CLIENT_ID, CLIENT_SECRET],
                   cwd=ROOT, env=env, check=True, timeout=300)
    port = _free_port()
    log = (data / "server.log").open("wb")
    server = subprocess.Popen([sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload",
                               "--nothreading", "--skip-checks"], cwd=ROOT, env=env, stdout=log,
                              stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if requests.get(f"{base}/o/.well-known/openid-configuration", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail(f"the OIDC provider did not start: {(data / 'server.log').read_text()[-2000:]}")
            time.sleep(0.5)
        yield requests.get(f"{base}/o/.well-known/openid-configuration", timeout=10).json()
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.fixture
def sso(settings, provider, agency):
    settings.OIDC_ENABLED = True
    settings.OIDC_ISSUER = provider["issuer"]
    settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = CLIENT_ID, CLIENT_SECRET
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = provider["authorization_endpoint"]
    settings.OIDC_OP_TOKEN_ENDPOINT = provider["token_endpoint"]
    settings.OIDC_OP_USER_ENDPOINT = provider["userinfo_endpoint"]
    settings.OIDC_OP_JWKS_ENDPOINT = provider["jwks_uri"]
    settings.OIDC_ROLE_MAP = ["cd-officers=officer", "cd-supervisors=supervisor"]
    return settings


def sign_in(live_server, username: str) -> tuple[requests.Session, requests.Response]:
    """The browser's path: civicdesk → provider's login → provider's consent (skipped) → civicdesk."""
    browser = requests.Session()
    response = browser.get(f"{live_server.url}/tai-khoan/dang-nhap/sso/", allow_redirects=False)
    assert response.status_code == 302
    response = browser.get(response.headers["Location"], allow_redirects=False)  # provider: who are you?
    login_url = urljoin(response.url, response.headers["Location"])
    page = browser.get(login_url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    next_url = re.search(r'name="next" value="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    response = browser.post(login_url, {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD,
                                        "next": next_url}, allow_redirects=False)
    assert response.status_code == 302, response.text[:500]
    response = browser.get(urljoin(login_url, response.headers["Location"]), allow_redirects=False)
    callback = response.headers["Location"]
    assert callback.startswith(f"{live_server.url}/tai-khoan/dang-nhap/sso/callback/?code=")
    return browser, browser.get(callback)  # civicdesk exchanges the code and signs the person in


def test_oidc_sign_in_gives_role_and_agency_from_the_claims(live_server, sso, agency):
    _browser, response = sign_in(live_server, "canbo.sso")
    assert response.status_code == 200 and response.url.startswith(f"{live_server.url}/xu-ly/")  # officer's inbox
    user = User.objects.get(email="canbo.sso@tphcm.gov.vn")
    assert (user.role, user.agency, user.full_name) == (Role.OFFICER, agency, "Nguyễn Văn An")
    assert not user.has_usable_password()
    # signing in again finds the same account
    sign_in(live_server, "canbo.sso")
    assert User.objects.filter(email="canbo.sso@tphcm.gov.vn").count() == 1


def test_oidc_several_groups_give_the_widest_role(live_server, sso):
    _browser, response = sign_in(live_server, "giamsat.sso")
    assert response.url.startswith(f"{live_server.url}/dieu-hanh/")
    assert User.objects.get(email="giamsat.sso@tphcm.gov.vn").role == Role.SUPERVISOR


def test_oidc_refuses_a_token_from_another_issuer(live_server, sso):
    sso.OIDC_ISSUER = "https://sso.thanhpho-khac.example.vn/o"
    _browser, response = sign_in(live_server, "canbo.sso")
    assert response.url == f"{live_server.url}/tai-khoan/dang-nhap/"
    assert "không do máy chủ đăng nhập một lần của thành phố cấp" in response.text
    assert not User.objects.filter(email="canbo.sso@tphcm.gov.vn").exists()


def test_oidc_refuses_an_expired_token(live_server, sso):
    _browser, response = sign_in(live_server, "het-han")
    assert response.url == f"{live_server.url}/tai-khoan/dang-nhap/"
    assert "Phiên đăng nhập một lần đã hết hạn" in response.text
    assert not User.objects.filter(email="het.han@tphcm.gov.vn").exists()


def test_oidc_refuses_a_person_whose_claims_give_no_role(live_server, sso):
    browser, response = sign_in(live_server, "khong.vai.tro")
    assert response.url == f"{live_server.url}/tai-khoan/dang-nhap/"
    assert "chưa được cấp vai trò cán bộ" in response.text
    assert not User.objects.filter(email="khong.vai.tro@tphcm.gov.vn").exists()
    assert browser.get(f"{live_server.url}/tai-khoan/", allow_redirects=False).headers["Location"].startswith(
        "/tai-khoan/dang-nhap/")  # not signed in


def test_oidc_uses_the_role_an_administrator_mapped_when_claims_give_none(live_server, sso):
    User.objects.create_user("tongdai.an", "KHONG.VAI.TRO@tphcm.gov.vn", role=Role.OPERATOR)
    _browser, response = sign_in(live_server, "khong.vai.tro")
    assert response.url.startswith(f"{live_server.url}/quy-trinh/")  # the operator's console
    assert User.objects.get(username="tongdai.an").role == Role.OPERATOR


def test_local_accounts_still_sign_in_beside_oidc(live_server, sso, client):
    User.objects.create_user("quantri.khancap", "qt@tphcm.gov.vn", "mat-khau-khan-cap-2027", role=Role.ADMIN)
    page = client.get("/tai-khoan/dang-nhap/").content.decode()
    assert "/tai-khoan/dang-nhap/sso/" in page
    response = client.post("/tai-khoan/dang-nhap/", {"username": "quantri.khancap",
                                                      "password": "mat-khau-khan-cap-2027"})
    assert response.status_code == 302 and "dang-nhap" not in response["Location"]
    assert client.get("/tai-khoan/").status_code == 302  # signed in: sent to the role's start page


def test_oidc_is_off_without_an_issuer(client, db, settings):
    settings.OIDC_ENABLED = False
    assert client.get("/tai-khoan/dang-nhap/sso/").status_code == 404
    assert "/tai-khoan/dang-nhap/sso/" not in client.get("/tai-khoan/dang-nhap/").content.decode()
