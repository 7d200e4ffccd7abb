"""Per-process copies of reference tables: built once, dropped when the data changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from civicdesk.lib.refcache import RefCache
from civicdesk.organisation.routing_table import agency_for
from civicdesk.petitions.categories import active_category
from civicdesk.workflow.calendar import get_calendar, workflow_settings
from civicdesk.workflow.models import CalendarDay, WorkflowSettings
from tests.factories import AgencyFactory, CategoryFactory, RoutingRuleFactory


@pytest.mark.django_db
def test_a_copy_is_read_once_then_served_without_queries():
    CategoryFactory(code="moi-truong")
    assert active_category("moi-truong") is not None
    with CaptureQueriesContext(connection) as queries:
        assert active_category("moi-truong").code == "moi-truong"
        assert active_category("khong-co") is None
    assert len(queries) == 0


@pytest.mark.django_db
def test_saving_a_category_drops_the_copy():
    category = CategoryFactory(code="moi-truong")
    assert active_category("moi-truong") is not None
    category.is_active = False
    category.save()
    assert active_category("moi-truong") is None


@pytest.mark.django_db
def test_a_new_routing_rule_takes_effect_at_once(category):
    first, second = AgencyFactory(code="a-1"), AgencyFactory(code="a-2")
    rule = RoutingRuleFactory(category=category, agency=first)
    assert agency_for(category.pk, None) == first
    rule.agency = second
    rule.save()
    assert agency_for(category.pk, None) == second
    second.is_active = False
    second.save()
    assert agency_for(category.pk, None) is None
    rule.delete()
    assert agency_for(category.pk, None) is None


@pytest.mark.django_db
def test_calendar_follows_an_added_holiday():
    from datetime import date

    day = date(2031, 3, 5)  # a Wednesday
    assert get_calendar().is_working_day(day)
    CalendarDay.objects.create(date=day, kind=CalendarDay.Kind.HOLIDAY, note="Nghỉ bù")
    assert not get_calendar().is_working_day(day)


@pytest.mark.django_db
def test_a_loader_that_creates_what_it_depends_on_does_not_deadlock():
    # WorkflowSettings.load() creates the singleton on first use: its save signal reaches the copy
    # being built. The first call must return, and the next one must see the row.
    WorkflowSettings.objects.all().delete()
    assert workflow_settings().pk == 1
    assert WorkflowSettings.objects.count() == 1


def test_a_copy_expires_after_its_ttl(monkeypatch):
    calls = []
    cache = RefCache("test ttl", lambda: calls.append(1) or len(calls), depends_on=[], ttl=60)
    now = [1000.0]
    monkeypatch.setattr("civicdesk.lib.refcache.time.monotonic", lambda: now[0])
    assert cache.get() == 1
    now[0] += 59
    assert cache.get() == 1
    now[0] += 2
    assert cache.get() == 2
