"""The agency's case page shows a button or form exactly when `workflow.actions.allowed_actions` allows
its action — the one table — for each persona and status."""

import pytest

from civicdesk.answers.models import Answer
from civicdesk.petitions.models import Status
from civicdesk.workflow import actions
from civicdesk.workflow.models import SupportRequest
from tests.answers.factories import AnswerFactory

# action -> the element on answers/case.html that takes it (each id is unique on the page)
CONTROLS = {
    "start": 'id="start-work"',
    "draft": 'id="draft-form"',
    "submit": 'id="submit-answer"',
    "approve": 'id="approve-answer"',
    "return_answer": 'id="return-answer"',
    "issue_letter": 'id="issue-letter"',
    "assign": 'id="assign-officer"',
    "note": 'id="note-form"',
}
STATUSES = [Status.ASSIGNED, Status.IN_PROGRESS, Status.AWAITING_APPROVAL, Status.ANSWERED, Status.CLOSED]
PERSONAS = ["officer", "lead", "other_officer", "supervisor", "operator"]


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_controls_shown_are_the_actions_allowed(client, case, officer, lead, other_agency, persona, status, request):
    case.status = status
    case.save()
    SupportRequest.objects.create(case=case, agency=other_agency)  # other_officer's agency supports the case
    if status == Status.AWAITING_APPROVAL:
        AnswerFactory(case=case, author=officer, body="Đã sửa.", state=Answer.State.SUBMITTED)
    elif status in (Status.ANSWERED, Status.CLOSED):
        AnswerFactory(case=case, author=officer, body="Đã sửa.", public_body="Đã sửa.", state=Answer.State.APPROVED,
                      approved_by=lead)
    user = request.getfixturevalue(persona)
    client.force_login(user)
    response = client.get(f"/xu-ly/ho-so/{case.tracking_code}/")
    assert response.status_code == 200
    page = response.content.decode()
    shown = {action for action, element in CONTROLS.items() if element in page}
    assert shown == actions.allowed_actions(user, case) & set(CONTROLS)


def test_assign_form_goes_with_the_case_out_of_handling(client, case, lead):
    case.status = Status.CLOSED
    case.save()
    client.force_login(lead)
    assert 'id="assign-officer"' not in client.get(f"/xu-ly/ho-so/{case.tracking_code}/").content.decode()
    case.status = Status.IN_PROGRESS
    case.save()
    assert 'id="assign-officer"' in client.get(f"/xu-ly/ho-so/{case.tracking_code}/").content.decode()
