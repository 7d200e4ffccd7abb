import pytest

from civicdesk.answers.models import Answer
from civicdesk.api.models import StaffApiToken
from civicdesk.petitions.models import CaseEvent, EventAction, Status
from tests.factories import CaseFactory


def test_without_a_token_staff_endpoints_are_401(client, case):
    response = client.get("/api/v1/staff/cases")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_revoked_token_is_401(client, officer, token_for):
    headers = token_for(officer)
    StaffApiToken.objects.update(revoked_at="2026-01-01T00:00:00+07:00")
    assert client.get("/api/v1/staff/cases", **headers).status_code == 401


def test_an_officer_lists_only_their_agencys_cases(client, case, officer, other_agency, token_for):
    CaseFactory(agency=other_agency)
    data = client.get("/api/v1/staff/cases", **token_for(officer)).json()
    assert [c["tracking_code"] for c in data["items"]] == [case.tracking_code]
    assert data["items"][0]["reporter_phone"] == "0903123456"


def test_a_supervisor_sees_every_case(client, case, other_agency, supervisor, token_for):
    CaseFactory(agency=other_agency)
    assert client.get("/api/v1/staff/cases", **token_for(supervisor)).json()["count"] == 2


def test_a_citizen_token_sees_nothing(client, case, citizen, token_for):
    assert client.get("/api/v1/staff/cases", **token_for(citizen)).json()["count"] == 0


def test_it_rejects_other_agencys_case(client, case, other_officer, token_for):
    headers = token_for(other_officer)
    assert client.get(f"/api/v1/staff/cases/{case.tracking_code}", **headers).status_code == 404
    assert client.post(f"/api/v1/staff/cases/{case.tracking_code}/start", **headers).status_code == 404


def test_a_supervisor_sees_but_does_not_work_on_a_case(client, case, supervisor, token_for):
    headers = token_for(supervisor)
    assert client.get(f"/api/v1/staff/cases/{case.tracking_code}", **headers).status_code == 200
    response = client.post(f"/api/v1/staff/cases/{case.tracking_code}/start", **headers)
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_an_api_answer_saying_work_is_done_needs_evidence(client, case, officer, token_for):
    headers = token_for(officer)
    base = f"/api/v1/staff/cases/{case.tracking_code}"
    client.post(f"{base}/start", **headers)
    refused = client.post(f"{base}/answer", {"body": "Đã thay mới bóng đèn."}, content_type="application/json",
                          **headers)
    assert refused.status_code == 409 and "ảnh minh chứng" in refused.json()["detail"]
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS and not Answer.objects.filter(case=case).exists()


def test_an_officer_starts_notes_and_answers(client, case, officer, token_for):
    headers = token_for(officer)
    base = f"/api/v1/staff/cases/{case.tracking_code}"
    assert client.post(f"{base}/start", **headers).json()["status"] == Status.IN_PROGRESS
    note = client.post(f"{base}/notes", {"note": "Đã liên hệ đội duy tu."}, content_type="application/json",
                       **headers)
    assert note.status_code == 201
    answer = client.post(f"{base}/answer", {"body": "Đã sửa xong đèn chiếu sáng.",
                                            "no_evidence_reason": "Sửa ban đêm, không chụp được ảnh."},
                         content_type="application/json", **headers)
    assert answer.status_code == 201 and answer.json()["status"] == Status.AWAITING_APPROVAL
    case.refresh_from_db()
    assert case.assignee == officer
    assert Answer.objects.get(case=case).state == Answer.State.SUBMITTED
    actions = list(CaseEvent.objects.filter(case=case).values_list("action", flat=True))
    assert EventAction.NOTE in actions and EventAction.ANSWER_DRAFTED in actions
    note_event = CaseEvent.objects.get(case=case, action=EventAction.NOTE)
    assert note_event.actor == officer and not note_event.is_public


def test_a_draft_can_be_saved_without_submitting(client, case, officer, token_for):
    response = client.post(f"/api/v1/staff/cases/{case.tracking_code}/answer", {"body": "Nháp", "submit": False},
                           content_type="application/json", **token_for(officer))
    assert response.status_code == 201 and response.json()["status"] == Status.ASSIGNED
    assert Answer.objects.get().state == Answer.State.DRAFT


@pytest.mark.parametrize("status", [Status.AWAITING_APPROVAL, Status.CLOSED])
def test_an_illegal_step_is_409(client, category, agency, officer, token_for, status):
    case = CaseFactory(category=category, agency=agency, status=status)
    response = client.post(f"/api/v1/staff/cases/{case.tracking_code}/start", **token_for(officer))
    assert response.status_code == 409
    assert response.json()["code"] == "illegal_transition"


def test_a_case_shows_its_possible_duplicates_within_the_officers_scope(
        client, routing_rule, category, agency, other_agency, officer, token_for):
    from civicdesk.workflow.intake import NewCase, submit
    from tests.factories import WardFactory

    ward = WardFactory(code="26743")
    text = ("Cống nghẹt trước số 15 Lý Tự Trọng", "Cống thoát nước trước nhà số 15 Lý Tự Trọng bị nghẹt rác, "
            "nước tràn lên vỉa hè mỗi khi mưa, mùi hôi nồng nặc.")
    first, _ = submit(NewCase(title=text[0], content=text[1], category=category, ward=ward))
    second, _ = submit(NewCase(title=text[0], content=text[1] + " Mong được xử lý sớm.", category=category, ward=ward))
    assert first.agency == agency == second.agency
    detail = client.get(f"/api/v1/staff/cases/{second.tracking_code}", **token_for(officer)).json()
    [found] = detail["possible_duplicates"]
    assert found["tracking_code"] == first.tracking_code and 0.35 <= found["score"] <= 1
    # the earlier case moves to another agency: this officer no longer sees it, nor the suggestion
    type(first).objects.filter(pk=first.pk).update(agency=other_agency)
    detail = client.get(f"/api/v1/staff/cases/{second.tracking_code}", **token_for(officer)).json()
    assert detail["possible_duplicates"] == []
    listed = client.get("/api/v1/staff/cases", **token_for(officer)).json()
    assert "possible_duplicates" not in listed["items"][0]
