from django.urls import reverse

from civicdesk.petitions.models import EventAction
from tests.factories import CaseFactory

BULK = reverse("answers:bulk_assign")


def test_the_lead_gives_selected_cases_to_an_officer(client_for, lead, officer, agency, category):
    first, second, untouched = (CaseFactory(agency=agency, category=category) for _ in range(3))
    response = client_for(lead).post(BULK, {"cases": [first.pk, second.pk], "officer": officer.pk})
    assert response.status_code == 302
    for case in (first, second):
        case.refresh_from_db()
        assert case.assignee == officer
        event = case.events.get(action=EventAction.ASSIGNEE_SET)
        assert event.actor == lead and event.is_public is False and event.data["assignee"] == officer.pk
    untouched.refresh_from_db()
    assert untouched.assignee is None and not untouched.events.exists()


def test_assigning_again_to_the_same_officer_writes_nothing(client_for, lead, officer, case):
    client = client_for(lead)
    client.post(BULK, {"cases": [case.pk], "officer": officer.pk})
    client.post(BULK, {"cases": [case.pk], "officer": officer.pk})
    assert case.events.filter(action=EventAction.ASSIGNEE_SET).count() == 1


def test_an_officer_may_not_assign(client_for, officer, case):
    response = client_for(officer).post(BULK, {"cases": [case.pk], "officer": officer.pk})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.assignee is None


def test_a_lead_cannot_touch_another_agencys_cases(client_for, other_lead, other_officer, case):
    client_for(other_lead).post(BULK, {"cases": [case.pk], "officer": other_officer.pk})
    case.refresh_from_db()
    assert case.assignee is None and not case.events.exists()


def test_a_lead_cannot_assign_to_an_officer_of_another_agency(client_for, lead, other_officer, case):
    response = client_for(lead).post(BULK, {"cases": [case.pk], "officer": other_officer.pk}, follow=True)
    assert "Hãy chọn cán bộ của đơn vị" in response.content.decode()
    case.refresh_from_db()
    assert case.assignee is None


def test_the_lead_sees_the_assign_controls_and_the_officer_does_not(client_for, lead, officer, case):
    assert 'id="bulk-officer"' in client_for(lead).get(reverse("answers:inbox")).content.decode()
    assert 'id="bulk-officer"' not in client_for(officer).get(reverse("answers:inbox")).content.decode()
