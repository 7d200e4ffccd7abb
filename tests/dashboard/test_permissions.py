"""Who may see the dashboard: supervisors all, a unit's lead and officers their unit, others nobody."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory

PAGES = ["overview", "kpis", "league", "overdue", "case_list", "map", "map_data", "hotspots", "report"]


@pytest.mark.parametrize("page", PAGES)
def test_it_sends_anonymous_visitors_to_login(client, db, page):
    response = client.get(reverse(f"dashboard:{page}"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("persona", ["citizen", "operator"])
def test_it_refuses_citizens_and_operators(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("dashboard:overview")).status_code == 403
    assert client.get(reverse("dashboard:map_data")).status_code == 403


def test_it_refuses_an_officer_without_a_unit(client, db):
    client.force_login(UserFactory(username="khongdonvi", role="officer"))
    assert client.get(reverse("dashboard:overview")).status_code == 403


def test_a_supervisor_sees_the_whole_city(client, supervisor, city_cases):
    client.force_login(supervisor)
    response = client.get(reverse("dashboard:overview"))
    assert response.status_code == 200
    assert response.context["headline"]["current"]["received"] == 4


def test_a_lead_sees_only_their_unit_even_when_asking_for_another(client, lead, other_agency, city_cases):
    client.force_login(lead)
    response = client.get(reverse("dashboard:overview"), {"agency": other_agency.id})
    assert response.status_code == 200
    assert response.context["scope"].agency_id == lead.agency_id
    assert response.context["headline"]["current"]["received"] == 3
    league = client.get(reverse("dashboard:league"))
    assert [r["agency_id"] for r in league.context["rows"]] == [lead.agency_id]


def test_an_officer_sees_their_unit(client, officer, city_cases):
    client.force_login(officer)
    response = client.get(reverse("dashboard:map_data"))
    codes = {point[2] for point in response.json()["points"]}
    assert city_cases["overdue"].tracking_code in codes
    assert city_cases["elsewhere"].tracking_code not in codes


def test_a_lead_cannot_open_another_units_case(client, other_lead, city_cases):
    client.force_login(other_lead)
    own = client.get(reverse("dashboard:case_detail", args=[city_cases["elsewhere"].tracking_code]))
    assert own.status_code == 200
    other = client.get(reverse("dashboard:case_detail", args=[city_cases["overdue"].tracking_code]))
    assert other.status_code == 403


def test_a_lead_gets_the_pdf_of_their_unit_only(client, other_lead, agency, city_cases):
    client.force_login(other_lead)
    response = client.get(reverse("dashboard:report"), {"agency": agency.id})
    assert response.status_code == 200
    assert other_lead.agency.code in response["Content-Disposition"]


def test_the_supervisors_home_is_the_dashboard(client, supervisor):
    client.force_login(supervisor)
    response = client.get(reverse("accounts:home"))
    assert response["Location"] == reverse("dashboard:overview")
