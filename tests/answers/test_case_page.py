import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civicdesk.answers.models import Answer, AnswerAttachment
from civicdesk.petitions.models import EventAction, Status
from tests.answers.factories import png_bytes

ACTIONS = ["start", "note", "assign", "draft", "attach", "submit", "approve", "return"]


def _url(name, case, **kwargs):
    return reverse(f"answers:{name}", kwargs={"code": case.tracking_code, **kwargs})


def test_the_officer_sees_everything_about_the_case(client_for, officer, case):
    response = client_for(officer).get(_url("case", case))
    assert response.status_code == 200
    html = response.content.decode()
    assert case.content in html
    assert case.reporter_phone in html and case.reporter_email in html
    assert "Bắt đầu xử lý" in html


def test_starting_work_moves_the_case_and_gives_it_to_the_officer(client_for, officer, case):
    response = client_for(officer).post(_url("start", case))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    assert case.assignee == officer
    actions = list(case.events.values_list("action", flat=True))
    assert actions == [EventAction.ASSIGNEE_SET, EventAction.STATUS_CHANGED]


def test_starting_twice_is_refused_without_a_second_event(client_for, officer, case):
    client = client_for(officer)
    client.post(_url("start", case))
    client.post(_url("start", case))
    assert case.events.filter(action=EventAction.STATUS_CHANGED).count() == 1


def test_an_internal_note_is_an_internal_event(client_for, officer, case):
    response = client_for(officer).post(_url("note", case), {"text": "Đã gọi điện cho người dân"},
                                        HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Đã gọi điện cho người dân" in response.content.decode()
    event = case.events.get(action=EventAction.NOTE)
    assert event.is_public is False and event.actor == officer


def test_the_officer_drafts_attaches_and_submits_an_answer(client_for, officer, case):
    client = client_for(officer)
    client.post(_url("start", case))
    photo = SimpleUploadedFile("sau-khi-sua.png", png_bytes(), content_type="image/png")
    response = client.post(_url("draft", case), {"body": "Đã nạo vét cống.", "save": "1", "files": [photo]})
    assert response.status_code == 302
    answer = Answer.objects.get(case=case)
    assert answer.state == Answer.State.DRAFT and answer.author == officer
    stored = AnswerAttachment.objects.get(answer=answer)
    assert stored.content_type == "image/png" and stored.public_file

    client.post(_url("draft", case), {"body": "Đã nạo vét cống, thông dòng chảy.", "submit": "1"})
    answer.refresh_from_db()
    case.refresh_from_db()
    assert answer.body == "Đã nạo vét cống, thông dòng chảy."
    assert answer.state == Answer.State.SUBMITTED
    assert case.status == Status.AWAITING_APPROVAL


def test_a_file_that_is_not_an_image_or_pdf_is_refused(client_for, officer, case):
    client = client_for(officer)
    client.post(_url("start", case))
    client.post(_url("draft", case), {"body": "Nháp", "save": "1"})
    fake = SimpleUploadedFile("anh.png", b"MZ\x90\x00 not an image", content_type="image/png")
    response = client.post(_url("attach", case), {"files": [fake]}, follow=True)
    assert "không được chấp nhận" in response.content.decode()
    assert not AnswerAttachment.objects.exists()


def test_the_lead_approves_from_the_case_page(client_for, officer, lead, case):
    officer_client = client_for(officer)
    officer_client.post(_url("start", case))
    officer_client.post(_url("draft", case), {"body": "Gọi 0903123456 để biết thêm.", "submit": "1"})
    page = client_for(lead).get(_url("case", case)).content.decode()
    assert "Duyệt và công khai" in page and "Gọi 0903123456" in page
    response = client_for(lead).post(_url("approve", case), {"note": ""})
    assert response.status_code == 302
    case.refresh_from_db()
    answer = Answer.objects.get(case=case)
    assert case.status == Status.ANSWERED and case.is_public
    assert answer.state == Answer.State.APPROVED and "0903123456" not in answer.public_body


def test_the_officer_cannot_approve_their_own_answer(client_for, officer, case):
    client = client_for(officer)
    client.post(_url("start", case))
    client.post(_url("draft", case), {"body": "Trả lời", "submit": "1"})
    assert client.post(_url("approve", case)).status_code == 403
    assert client.post(_url("return", case), {"note": "x"}).status_code == 403
    case.refresh_from_db()
    assert case.status == Status.AWAITING_APPROVAL


def test_the_lead_returns_the_answer_with_a_note(client_for, officer, lead, case):
    client = client_for(officer)
    client.post(_url("start", case))
    client.post(_url("draft", case), {"body": "Trả lời sơ sài", "submit": "1"})
    client_for(lead).post(_url("return", case), {"note": "Ghi rõ ngày hoàn thành"})
    case.refresh_from_db()
    assert case.status == Status.IN_PROGRESS
    page = client.get(_url("case", case)).content.decode()
    assert "Ghi rõ ngày hoàn thành" in page and "Trả lời sơ sài" in page


@pytest.mark.parametrize("action", ACTIONS)
def test_an_officer_of_another_agency_gets_404_for_every_action(client_for, other_officer, other_lead, officer,
                                                                 case, action):
    for stranger in (other_officer, other_lead):
        response = client_for(stranger).post(_url(action, case), {"text": "x", "body": "x", "note": "x",
                                                                  "officer": officer.pk})
        assert response.status_code == 404
    case.refresh_from_db()
    assert case.status == Status.ASSIGNED and case.assignee is None
    assert not case.events.exists() and not case.answers.exists()


@pytest.mark.parametrize("action", [action for action in ACTIONS if action != "note"])
def test_the_operator_may_read_but_not_act(client_for, operator, case, action):
    response = client_for(operator).post(_url(action, case), {"text": "x", "body": "x", "note": "x"})
    assert response.status_code == 403
    assert not case.events.exists()


def test_the_operator_may_note_a_further_call_as_on_the_workflow_page(client_for, operator, case):
    """One rule per action (workflow.actions.RULES): whoever may view the case may note on it."""
    response = client_for(operator).post(_url("note", case), {"text": "Người dân gọi lại lần hai."})
    assert response.status_code == 302
    note = case.events.get()
    assert note.action == EventAction.NOTE and note.actor == operator and not note.is_public


def test_the_case_page_of_another_agency_is_404(client_for, other_officer, case):
    assert client_for(other_officer).get(_url("case", case)).status_code == 404
    assert client_for(other_officer).get(_url("timeline", case)).status_code == 404


def test_an_empty_note_is_refused_in_the_timeline_fragment(client_for, officer, case):
    response = client_for(officer).post(_url("note", case), {"text": "   "}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Ghi chú không được để trống." in response.content.decode()
    assert not case.events.exists()


def test_a_supervisor_may_approve_but_not_write(client_for, officer, supervisor, case):
    officer_client = client_for(officer)
    officer_client.post(_url("start", case))
    officer_client.post(_url("draft", case), {"body": "Trả lời", "submit": "1"})
    supervisor_client = client_for(supervisor)
    assert supervisor_client.post(_url("draft", case), {"body": "x"}).status_code == 403
    assert supervisor_client.post(_url("approve", case)).status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ANSWERED
    assert Answer.objects.get(case=case).approved_by == supervisor
