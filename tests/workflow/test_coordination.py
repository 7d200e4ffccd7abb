"""Lead and supporting agencies (coordination, chủ trì / phối hợp): a case for three agencies goes to
all of them at once, the two supporting agencies send their contributions to the lead through their own
inbox tab and case page, the lead sends one combined answer through the usual approval; a disagreement
goes to the People's Committee (supervisors), who decide."""

import pytest
from django.utils import timezone

from civicdesk.accounts.models import Role
from civicdesk.answers import publishing
from civicdesk.answers.models import Answer
from civicdesk.notifications.models import Notification
from civicdesk.petitions.models import Case, CaseEvent, EventAction, Status
from civicdesk.workflow import operations, sla
from civicdesk.workflow.calendar import get_calendar
from civicdesk.workflow.models import Disagreement, SupportRequest
from civicdesk.workflow.operations import WorkflowError
from tests.factories import AgencyFactory, CaseFactory, UserFactory


@pytest.fixture
def transport(db):
    return AgencyFactory(code="so-giao-thong", name="Sở Giao thông vận tải")


@pytest.fixture
def ward_committee(db):
    return AgencyFactory(code="ubnd-ben-thanh", name="UBND phường Bến Thành")


@pytest.fixture
def transport_officer(transport):
    return UserFactory(username="canbo.gtvt", role=Role.OFFICER, agency=transport)


@pytest.fixture
def ward_officer(ward_committee):
    return UserFactory(username="canbo.phuong", role=Role.OFFICER, agency=ward_committee)


@pytest.fixture
def ward_lead(ward_committee):
    return UserFactory(username="lanhdao.phuong", role=Role.LEAD, agency=ward_committee)


@pytest.fixture
def triage_case(category):
    return CaseFactory(status=Status.TRIAGE, agency=None, category=category, title="Hố ga mất nắp trên vỉa hè")


def _post(client, user, case, action, **data):
    client.force_login(user)
    return client.post(f"/quy-trinh/ho-so/{case.tracking_code}/{action}/", data, follow=True)


def test_coordination_three_agencies_to_one_answer(client, operator, triage_case, agency, transport, ward_committee,
                                                   officer, lead, transport_officer, ward_officer, ward_lead,
                                                   supervisor):
    case = triage_case
    # the operator sends the case to all three at once, with the construction department leading
    page = _post(client, operator, case, "coordinate", lead=agency.pk, supporting=[transport.pk, ward_committee.pk],
                 note="Liên quan vỉa hè và hạ tầng thoát nước")
    assert "Đã giao đơn vị chủ trì và đơn vị phối hợp" in page.content.decode()
    case.refresh_from_db()
    assert case.status == Status.ASSIGNED and case.agency == agency
    assert case.due_at == sla.coordinated_due_at(case) == get_calendar().add_days(case.created_at, 15)
    assert set(case.support_requests.values_list("agency__code", "state")) == {
        ("so-giao-thong", "pending"), ("ubnd-ben-thanh", "pending")}
    assert Notification.objects.filter(case=case, recipient=ward_lead.email, to_staff=True).exists()

    # each supporting agency finds it in its own inbox tab, not among its own cases
    client.force_login(ward_officer)
    inbox = client.get("/xu-ly/?tab=support").content.decode()
    assert case.tracking_code in inbox
    assert case.tracking_code not in client.get("/xu-ly/?tab=new").content.decode()
    case_page = client.get(f"/xu-ly/ho-so/{case.tracking_code}/").content.decode()
    assert 'id="contribution-form"' in case_page and 'id="draft-form"' not in case_page

    # supporting agencies contribute; they may not answer for the lead
    _post(client, ward_officer, case, "contribute", text="Phường đã rào chắn tạm và báo công ty thoát nước.")
    _post(client, transport_officer, case, "contribute", text="Sở GTVT cấp phép đào vỉa hè trong 2 ngày.")
    assert set(case.support_requests.values_list("state", flat=True)) == {"contributed"}
    client.force_login(ward_officer)
    assert client.post(f"/xu-ly/ho-so/{case.tracking_code}/tra-loi/", {"body": "x"}).status_code == 403
    assert client.get("/xu-ly/?tab=support").context["tabs"][-1][2] == 0

    # the lead reads the contributions and sends one combined answer through the usual approval
    client.force_login(officer)
    lead_page = client.get(f"/xu-ly/ho-so/{case.tracking_code}/").content.decode()
    assert "Phường đã rào chắn tạm" in lead_page and "cấp phép đào vỉa hè" in lead_page
    operations.start(case, officer)
    answer = publishing.write_answer(case, officer, "Sở Xây dựng chủ trì, phối hợp Sở GTVT và UBND phường: "
                                     "đã thay nắp hố ga ngày 12/3.", submit=True,
                                     no_evidence_reason="Ảnh nắp hố ga mới do phường lưu, gửi bổ sung sau.")
    publishing.approve(answer, lead)
    case.refresh_from_db()
    assert case.status == Status.ANSWERED
    assert Answer.objects.filter(case=case).count() == 1
    assert Answer.objects.get(case=case).state == Answer.State.APPROVED
    actions = list(CaseEvent.objects.filter(case=case).values_list("action", flat=True))
    assert actions.count(EventAction.CONTRIBUTED) == 2 and EventAction.COORDINATED in actions


def test_coordination_a_disagreement_goes_to_the_peoples_committee(client, case, officer, lead, transport,
                                                                   transport_officer, supervisor):
    operations.coordinate(case, lead, supporting=[transport])
    page = _post(client, transport_officer, case, "disagree", reason="Việc cấp phép không thuộc Sở GTVT.")
    assert "Đã báo cáo UBND" in page.content.decode()
    disagreement = Disagreement.objects.get(case=case)
    assert disagreement.state == Disagreement.State.OPEN and disagreement.agency == transport
    assert Notification.objects.filter(case=case, recipient=supervisor.email, event="escalated").exists()

    # the lead's answer waits for the decision
    operations.start(case, officer)
    draft = publishing.save_draft(case, officer, "Trả lời tổng hợp")
    with pytest.raises(publishing.PublishingError):
        publishing.submit_for_approval(draft, officer)
    with pytest.raises(WorkflowError):
        operations.disagree(case, officer, reason="lần hai")

    # the People's Committee decides: the transport department leads, construction supports
    client.force_login(supervisor)
    assert 'id="settle-form"' in client.get(f"/quy-trinh/ho-so/{case.tracking_code}/").content.decode()
    _post(client, supervisor, case, "settle_disagreement", disagreement=disagreement.pk,
          decision="Giao Sở GTVT chủ trì.", lead=transport.pk)
    case.refresh_from_db()
    disagreement.refresh_from_db()
    assert disagreement.state == Disagreement.State.SETTLED and disagreement.decided_by == supervisor
    assert case.agency == transport and case.status == Status.ASSIGNED
    assert list(case.support_requests.values_list("agency__code", flat=True)) == ["so-xay-dung"]


def test_coordination_who_may_do_what(client, case, officer, lead, other_officer, transport, transport_officer):
    operations.coordinate(case, lead, supporting=[transport])
    # an agency with no part in the case sees nothing of it
    client.force_login(other_officer)
    assert client.get(f"/xu-ly/ho-so/{case.tracking_code}/").status_code == 404
    assert _post(client, other_officer, case, "contribute", text="x").status_code == 403
    # the supporting agency reads it and contributes, but does not change it
    assert case in Case.objects.visible_to(transport_officer)
    assert Case.objects.visible_to(transport_officer).filter(pk=case.pk).count() == 1
    assert _post(client, transport_officer, case, "transfer", to_agency=transport.pk, reason="x").status_code == 403
    assert _post(client, transport_officer, case, "take_up").status_code == 403
    # the lead agency's officer does not contribute to its own case
    assert _post(client, officer, case, "contribute", text="x").status_code == 403
    with pytest.raises(WorkflowError):
        operations.contribute(case, other_officer, text="không phải đơn vị phối hợp")


def test_coordination_refuses_empty_and_self_support(case, lead, agency):
    with pytest.raises(WorkflowError):
        operations.coordinate(case, lead, supporting=[agency])
    with pytest.raises(WorkflowError):
        operations.coordinate(case, lead, supporting=[])
    assert not SupportRequest.objects.filter(case=case).exists()


def test_coordination_keeps_a_later_deadline(case, lead, transport):
    later = timezone.now() + timezone.timedelta(days=90)
    case.due_at = later
    case.save()
    operations.coordinate(case, lead, supporting=[transport])
    case.refresh_from_db()
    assert case.due_at == later


def test_coordination_the_answer_clock_uses_fifteen_days(case, lead, transport):
    from civicdesk.workflow import step_clock

    CaseEvent.objects.create(case=case, action=EventAction.ASSIGNED, from_status=Status.RECEIVED,
                             to_status=Status.ASSIGNED, data={"agency": case.agency.code}, created_at=case.created_at)
    operations.coordinate(case, lead, supporting=[transport])
    case.refresh_from_db()
    (answer,) = [c for c in step_clock.case_clocks(case) if c.step == "answer"]
    assert answer.deadline == case.due_at and answer.limit.amount == 15
