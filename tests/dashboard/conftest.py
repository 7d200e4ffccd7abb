"""Fixture data for the dashboard: a few cases with known figures, written through the real paths
(factories save cases, `move` and `record` write events, ratings are saved) so the signals run."""

from datetime import timedelta

import pytest
from django.utils import timezone

from civicdesk.answers.models import Rating
from civicdesk.petitions import events
from civicdesk.petitions.models import EventAction, Status
from civicdesk.workflow.transitions import move
from tests.factories import CaseFactory, WardFactory


def make_case(agency, category, *, days_ago=2.0, due_in_days=10, ward=None, channel="web", lat=None, lon=None):
    created = timezone.now() - timedelta(days=days_ago)
    return CaseFactory(agency=agency, category=category, ward=ward, channel=channel, created_at=created,
                       due_at=created + timedelta(days=due_in_days), status=Status.ASSIGNED, lat=lat, lon=lon)


def answer(case, actor, after_hours: float, responded_after_hours: float = 1.0):
    move(case, Status.IN_PROGRESS, actor, at=case.created_at + timedelta(hours=responded_after_hours))
    move(case, Status.AWAITING_APPROVAL, actor, at=case.created_at + timedelta(hours=after_hours - 0.5))
    move(case, Status.ANSWERED, actor, at=case.created_at + timedelta(hours=after_hours))
    return case


@pytest.fixture
def ward(db):
    return WardFactory(name="Phường Bến Thành", lat=10.772, lon=106.698)


@pytest.fixture
def city_cases(agency, other_agency, category, officer, other_officer, ward):
    """Own agency: 3 cases received 2 days ago — one answered on time after 4 h (first response 1 h,
    rated 4), one answered late (due in 1 day, answered after 30 h, first response 3 h), one still
    open and overdue (due 1 day after receipt). Other agency: 1 open case, not overdue."""
    on_time = answer(make_case(agency, category, ward=ward, lat=10.771, lon=106.699), officer, after_hours=4)
    Rating.objects.create(case=on_time, score=4)
    late = answer(make_case(agency, category, due_in_days=1, channel="hotline", lat=10.775, lon=106.70),
                  officer, after_hours=30, responded_after_hours=3)
    overdue = make_case(agency, category, due_in_days=1, ward=ward, lat=10.78, lon=106.69)
    events.record(overdue, EventAction.NOTE, officer, "Đã liên hệ người dân", is_public=False)
    elsewhere = make_case(other_agency, category, due_in_days=10, lat=10.76, lon=106.68)
    return {"on_time": on_time, "late": late, "overdue": overdue, "elsewhere": elsewhere}
