import pytest

from civicdesk.petitions.models import CaseEvent, EventAction, Priority
from civicdesk.workflow import operations
from civicdesk.workflow.states import IllegalTransition, Status
from tests.factories import CaseFactory, CategoryFactory


@pytest.fixture
def triage_case(db):
    return CaseFactory(status=Status.TRIAGE, category=CategoryFactory(code="moi-truong"), category_confirmed=False,
                       agency=None)


def test_a_triage_decision_assigns_and_confirms_the_category(triage_case, operator, category, agency):
    operations.decide_triage(triage_case, operator, category=category, agency=agency, priority=Priority.URGENT)
    triage_case.refresh_from_db()
    assert triage_case.status == Status.ASSIGNED
    assert triage_case.category == category and triage_case.category_confirmed
    assert triage_case.agency == agency and triage_case.priority == Priority.URGENT
    assert triage_case.due_at is not None
    event = CaseEvent.objects.get(case=triage_case, action=EventAction.ASSIGNED)
    assert event.actor == operator
    assert event.data["category_corrected"] is True


def test_an_assigned_case_cannot_be_triaged_again(case, operator, category, agency):
    with pytest.raises(IllegalTransition):
        operations.decide_triage(case, operator, category=category, agency=agency, priority=Priority.NORMAL)


def test_the_triage_queue_lists_cases_waiting_for_a_person(client, operator, triage_case, case):
    client.force_login(operator)
    response = client.get("/quy-trinh/phan-loai/")
    assert triage_case.tracking_code in response.content.decode()
    assert case.tracking_code not in response.content.decode()


def test_the_triage_queue_form_assigns(client, operator, triage_case, category, agency):
    client.force_login(operator)
    prefix = f"t{triage_case.pk}"
    response = client.post(f"/quy-trinh/ho-so/{triage_case.tracking_code}/triage/", {
        f"{prefix}-category": category.pk, f"{prefix}-agency": agency.pk, f"{prefix}-priority": "normal",
        "next": "/quy-trinh/phan-loai/"})
    assert response.status_code == 302 and response.url == "/quy-trinh/phan-loai/"
    triage_case.refresh_from_db()
    assert triage_case.status == Status.ASSIGNED and triage_case.agency == agency


def test_officers_cannot_use_the_triage_queue(client, officer):
    client.force_login(officer)
    assert client.get("/quy-trinh/phan-loai/").status_code == 403
