"""Shared fixtures: the personas every permission test speaks of."""

import time
import uuid
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.utils import translation

from civicdesk.accounts.models import Role
from civicdesk.lib import ratelimit, refcache
from civicdesk.petitions import forms as petition_forms
from tests.factories import AgencyFactory, CaseFactory, CategoryFactory, RoutingRuleFactory, UserFactory


def pytest_runtest_setup(item):
    """`postgres_only` tests (row locks, concurrent transactions) skip on SQLite."""
    if item.get_closest_marker("postgres_only"):
        from django.db import connection

        if connection.vendor != "postgresql":
            pytest.skip("needs PostgreSQL (CIVICDESK_DATABASE_URL=postgres://…)")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _default_language():
    """A request in English leaves English active in its thread: every test starts in Vietnamese."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_reference_copies(monkeypatch):
    """Each test's database is rolled back, which sends no signal: start without the per-process
    copies of categories, wards, the routing table and the calendar that an earlier test built.
    The public filters' choices are kept a minute in the cache, which a Redis cache shares with the
    other test worker (another database): each test keeps them under its own key."""
    refcache.clear_all()
    monkeypatch.setattr(petition_forms, "PUBLIC_FILTER_CHOICES_KEY",
                        f"petitions:public-filter-choices:test-{uuid.uuid4().hex}")
    yield
    refcache.clear_all()


@pytest.fixture(autouse=True)
def _fresh_rate_limit_counts(settings, monkeypatch):
    """Rate-limit counts live in the cache, which no rollback resets. The local cache is emptied; a
    Redis cache is shared by both test workers, so each test counts under its own key prefix instead.
    The limiter's clock starts each test one second into a fresh day (so also a fresh minute and
    hour): counters are fixed windows, and a test that crossed a window boundary between its
    requests would see its count start again."""
    if isinstance(caches["default"], LocMemCache):
        caches["default"].clear()
    settings.RATE_LIMIT_KEY_PREFIX = f"civicdesk:ratelimit:test-{uuid.uuid4().hex}"
    started = time.time()
    offset = (started // 86400 + 1) * 86400 + 1 - started
    monkeypatch.setattr(ratelimit, "time", SimpleNamespace(time=lambda: time.time() + offset))


@pytest.fixture
def category(db):
    return CategoryFactory(code="ha-tang-do-thi", name="Hạ tầng đô thị")


@pytest.fixture
def agency(db):
    return AgencyFactory(code="so-xay-dung", name="Sở Xây dựng")


@pytest.fixture
def other_agency(db):
    return AgencyFactory(code="so-y-te", name="Sở Y tế")


@pytest.fixture
def routing_rule(category, agency):
    return RoutingRuleFactory(category=category, agency=agency)


@pytest.fixture
def citizen(db):
    return UserFactory(username="nguoidan", role=Role.CITIZEN)


@pytest.fixture
def operator(db):
    return UserFactory(username="tongdai", role=Role.OPERATOR)


@pytest.fixture
def officer(agency):
    return UserFactory(username="canbo", role=Role.OFFICER, agency=agency)


@pytest.fixture
def lead(agency):
    return UserFactory(username="lanhdao", role=Role.LEAD, agency=agency)


@pytest.fixture
def other_officer(other_agency):
    return UserFactory(username="canbo.khac", role=Role.OFFICER, agency=other_agency)


@pytest.fixture
def other_lead(other_agency):
    return UserFactory(username="lanhdao.khac", role=Role.LEAD, agency=other_agency)


@pytest.fixture
def supervisor(db):
    return UserFactory(username="giamsat", role=Role.SUPERVISOR)


@pytest.fixture
def case(category, agency):
    return CaseFactory(category=category, agency=agency)
