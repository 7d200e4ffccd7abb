from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civicdesk.petitions.models import Priority, Status
from tests.factories import CaseFactory, CategoryFactory

INBOX = reverse("answers:inbox")


def _tabs(response):
    return {key: count for key, _label, count in response.context["tabs"]}


def _codes(response):
    return {case.tracking_code for case in response.context["page"].object_list}


@pytest.fixture
def inbox_cases(category, agency, other_agency):
    now = timezone.now()
    far = now + timedelta(days=60)
    return {
        "new": CaseFactory(agency=agency, category=category, status=Status.ASSIGNED, due_at=far),
        "working": CaseFactory(agency=agency, category=category, status=Status.IN_PROGRESS, due_at=far),
        "due_soon": CaseFactory(agency=agency, category=category, status=Status.IN_PROGRESS,
                                due_at=now + timedelta(minutes=5)),
        "overdue": CaseFactory(agency=agency, category=category, status=Status.ASSIGNED,
                               due_at=now - timedelta(hours=1)),
        "waiting": CaseFactory(agency=agency, category=category, status=Status.AWAITING_APPROVAL, due_at=far),
        "answered": CaseFactory(agency=agency, category=category, status=Status.ANSWERED,
                                due_at=now - timedelta(days=1)),
        "elsewhere": CaseFactory(agency=other_agency, category=category, status=Status.ASSIGNED,
                                 due_at=now - timedelta(hours=1)),
    }


def test_each_tab_counts_and_lists_its_cases(client_for, officer, inbox_cases):
    client = client_for(officer)
    response = client.get(INBOX)
    assert response.status_code == 200
    assert _tabs(response) == {"new": 2, "in_progress": 2, "due_soon": 1, "overdue": 1,
                               "awaiting_approval": 1, "answered": 1, "support": 0}
    assert _codes(response) == {inbox_cases["new"].tracking_code, inbox_cases["overdue"].tracking_code}
    expected = {"in_progress": {"working", "due_soon"}, "due_soon": {"due_soon"}, "overdue": {"overdue"},
                "awaiting_approval": {"waiting"}, "answered": {"answered"}}
    for tab, names in expected.items():
        listed = _codes(client.get(INBOX, {"tab": tab}))
        assert listed == {inbox_cases[name].tracking_code for name in names}, tab


def test_another_agencys_cases_never_appear(client_for, other_officer, officer, inbox_cases):
    response = client_for(officer).get(INBOX, {"tab": "overdue"})
    assert inbox_cases["elsewhere"].tracking_code not in response.content.decode()
    response = client_for(other_officer).get(INBOX, {"tab": "overdue"})
    assert _codes(response) == {inbox_cases["elsewhere"].tracking_code}


def test_filters_narrow_the_list_and_the_counts(client_for, officer, agency, inbox_cases):
    other_category = CategoryFactory(code="moi-truong", name="Môi trường")
    urgent = CaseFactory(agency=agency, category=other_category, status=Status.ASSIGNED, priority=Priority.URGENT,
                         title="Cây đổ chắn ngang đường", assignee=officer)
    old = CaseFactory(agency=agency, category=other_category, status=Status.ASSIGNED,
                      created_at=timezone.now() - timedelta(days=100))
    client = client_for(officer)
    assert _codes(client.get(INBOX, {"category": other_category.pk})) == {urgent.tracking_code, old.tracking_code}
    assert _codes(client.get(INBOX, {"priority": Priority.URGENT})) == {urgent.tracking_code}
    assert _codes(client.get(INBOX, {"q": "cây đổ"})) == {urgent.tracking_code}
    assert _codes(client.get(INBOX, {"q": urgent.tracking_code.lower()})) == {urgent.tracking_code}
    assert _codes(client.get(INBOX, {"mine": "on"})) == {urgent.tracking_code}
    response = client.get(INBOX, {"category": other_category.pk, "period": "30"})
    assert _codes(response) == {urgent.tracking_code}
    assert _tabs(response)["new"] == 1 and _tabs(response)["overdue"] == 0


def test_an_htmx_request_gets_only_the_results(client_for, officer, inbox_cases):
    response = client_for(officer).get(INBOX, {"tab": "overdue"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and 'class="tabs"' in html
    assert inbox_cases["overdue"].tracking_code in html


def test_the_inbox_is_paginated(client_for, officer, agency, category):
    for _ in range(30):
        CaseFactory(agency=agency, category=category, status=Status.ASSIGNED)
    client = client_for(officer)
    first = client.get(INBOX)
    second = client.get(INBOX, {"page": 2})
    assert len(first.context["page"].object_list) == 25
    assert len(second.context["page"].object_list) == 5
    assert not _codes(first) & _codes(second)


def test_citizens_are_refused_and_visitors_sent_to_log_in(client_for, citizen):
    assert client_for(citizen).get(INBOX).status_code == 403
    response = client_for(None).get(INBOX)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("persona", ["officer", "lead"])
def test_officers_and_leads_start_their_day_in_the_inbox(request, client_for, persona):
    response = client_for(request.getfixturevalue(persona)).get(reverse("accounts:home"))
    assert response.status_code == 302 and response["Location"] == INBOX
