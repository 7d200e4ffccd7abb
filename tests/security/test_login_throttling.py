"""Issue 12 item 4: wrong passwords are limited per account and per client address (django-axes),
on the site's login and the admin's, and a locked account refuses even the right password."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from civicdesk.accounts.models import Role
from tests.factories import UserFactory

LOGIN = "/tai-khoan/dang-nhap/"
ADMIN_LOGIN = "/admin/login/"
PASSWORD = "mat-khau-thu-1022"


@pytest.fixture
def officer_account(agency):
    return UserFactory(username="canbo.a", role=Role.OFFICER, agency=agency)


@pytest.fixture
def superuser(db):
    return UserFactory(username="quantri", role=Role.ADMIN, is_staff=True, is_superuser=True)


def _try(client, username, password, url=LOGIN, **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_sixty_wrong_passwords_then_the_right_one_does_not_sign_in(client, officer_account):
    for _ in range(60):
        response = _try(client, "canbo.a", "doan-bua")
    assert response.status_code == 429
    response = _try(client, "canbo.a", PASSWORD)
    assert response.status_code == 429
    assert not _signed_in(client)
    html = response.content.decode()
    assert "nhập sai quá nhiều lần" in html and "15 phút" in html
    assert 0 < int(response["Retry-After"]) <= 15 * 60


def test_the_lock_starts_at_the_fifth_wrong_password(client, officer_account):
    for _ in range(4):
        assert _try(client, "canbo.a", "doan-bua").status_code == 200  # the form again, with its error
    assert _try(client, "canbo.a", "doan-bua").status_code == 429
    assert _try(client, "canbo.a", PASSWORD).status_code == 429


def test_the_account_is_locked_from_every_address(officer_account):
    for n in range(5):
        _try(Client(REMOTE_ADDR=f"203.0.113.{n + 1}"), "canbo.a", "doan-bua")
    elsewhere = Client(REMOTE_ADDR="198.51.100.9")
    assert _try(elsewhere, "canbo.a", PASSWORD).status_code == 429
    assert not _signed_in(elsewhere)


def test_the_admin_login_is_locked_too(client, superuser):
    for _ in range(60):
        _try(client, "quantri", "doan-bua", url=ADMIN_LOGIN)
    response = _try(client, "quantri", PASSWORD, url=ADMIN_LOGIN)
    assert response.status_code == 429
    assert not _signed_in(client)
    assert client.get("/admin/").status_code == 302  # still sent to the login


def test_failures_on_the_site_count_for_the_admin_login(client, superuser):
    for _ in range(5):
        _try(client, "quantri", "doan-bua")
    assert _try(client, "quantri", PASSWORD, url=ADMIN_LOGIN).status_code == 429


def test_the_lock_expires_after_the_cool_off(client, officer_account):
    for _ in range(60):
        _try(client, "canbo.a", "doan-bua")
    assert _try(client, "canbo.a", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=15, seconds=1))
    response = _try(client, "canbo.a", PASSWORD)
    assert response.status_code == 302
    assert _signed_in(client)


def test_the_lock_has_not_expired_a_minute_early(client, officer_account):
    for _ in range(5):
        _try(client, "canbo.a", "doan-bua")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    assert _try(client, "canbo.a", PASSWORD).status_code == 429
    assert int(_try(client, "canbo.a", PASSWORD)["Retry-After"]) <= 60


def test_a_successful_login_forgets_that_accounts_failures(client, officer_account):
    for _ in range(4):
        _try(client, "canbo.a", "doan-bua")
    assert _try(client, "canbo.a", PASSWORD).status_code == 302
    client.post("/tai-khoan/dang-xuat/")
    for _ in range(4):
        _try(client, "canbo.a", "doan-bua")
    assert _try(client, "canbo.a", PASSWORD).status_code == 302
    assert _signed_in(client)


def test_one_address_is_locked_after_fifty_failures_on_any_accounts(db, officer_account):
    attacker = Client(REMOTE_ADDR="203.0.113.50")
    for n in range(50):
        _try(attacker, f"khong-co-{n}", "doan-bua")
    response = _try(attacker, "canbo.a", PASSWORD)
    assert response.status_code == 429 and not _signed_in(attacker)
    colleague = Client(REMOTE_ADDR="203.0.113.51")
    assert _try(colleague, "canbo.a", PASSWORD).status_code == 302


def test_an_attacker_cannot_wipe_the_failures_against_someone_else(db, officer_account, citizen):
    attacker = Client(REMOTE_ADDR="203.0.113.60")
    for _ in range(4):
        _try(attacker, "canbo.a", "doan-bua")
    assert _try(attacker, "nguoidan", PASSWORD).status_code == 302  # their own account
    attacker.post("/tai-khoan/dang-xuat/")
    assert _try(attacker, "canbo.a", "doan-bua").status_code == 429  # the fifth failure still locks


def test_clients_behind_the_trusted_proxy_are_told_apart(settings, officer_account, citizen):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    for n in range(50):
        _try(Client(), f"khong-co-{n}", "doan-bua", HTTP_X_FORWARDED_FOR="203.0.113.70")
    assert _try(Client(), "canbo.a", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.70").status_code == 429
    assert _try(Client(), "canbo.a", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.71").status_code == 302


def test_a_forged_forwarded_for_does_not_escape_the_address_limit(settings, officer_account):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]  # the request does not come from the proxy
    for n in range(50):
        _try(Client(REMOTE_ADDR="203.0.113.80"), f"khong-co-{n}", "doan-bua",
             HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    response = _try(Client(REMOTE_ADDR="203.0.113.80"), "canbo.a", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.200")
    assert response.status_code == 429


def test_the_lockout_page_speaks_english_in_english(client, officer_account):
    client.cookies["django_language"] = "en"
    for _ in range(5):
        _try(client, "canbo.a", "doan-bua")
    html = _try(client, "canbo.a", PASSWORD).content.decode()
    assert "too many times" in html and "15 min" in html
