"""Leaders' directives (directive, ý kiến chỉ đạo): a leader directs a case or a hot spot's cases with
a deadline and the units it binds; units report against it; a unit late on it is re-forwarded within
one working day by the periodic task and the leader is told; the dashboard lists open directives."""

from datetime import timedelta

import pytest
from django.utils import timezone

from civicdesk.celery_app import BEAT_SCHEDULE
from civicdesk.notifications.models import Notification
from civicdesk.petitions.models import CaseEvent, EventAction, Status
from civicdesk.workflow import operations, tasks
from civicdesk.workflow.calendar import get_calendar
from civicdesk.workflow.models import Directive, DirectiveUnit
from civicdesk.workflow.operations import WorkflowError
from tests.factories import CaseFactory


@pytest.fixture
def soon():
    return timezone.now() + timedelta(days=2)


@pytest.fixture
def directive(case, supervisor, soon):
    return operations.direct([case], supervisor, text="Khắc phục ngay trong tuần, báo cáo kết quả.", deadline=soon)


def test_directive_binds_the_cases_agency_and_tells_its_leads(lead, directive, case, agency):
    assert list(directive.units.values_list("agency", "state")) == [(agency.pk, "pending")]
    assert CaseEvent.objects.filter(case=case, action=EventAction.DIRECTED, is_public=False).exists()
    assert Notification.objects.filter(case=case, recipient=lead.email, event="escalated").exists()


def test_directive_on_the_case_page_by_a_leader(client, supervisor, case, other_agency, soon):
    client.force_login(supervisor)
    page = client.get(f"/quy-trinh/ho-so/{case.tracking_code}/").content.decode()
    assert 'id="directive-form"' in page
    response = client.post(f"/quy-trinh/ho-so/{case.tracking_code}/direct/", {
        "text": "Phối hợp Sở Y tế kiểm tra", "deadline": timezone.localtime(soon).strftime("%Y-%m-%dT%H:%M"),
        "agencies": [case.agency.pk, other_agency.pk]}, follow=True)
    assert "Đã ghi ý kiến chỉ đạo" in response.content.decode()
    directive = Directive.objects.get()
    assert set(directive.units.values_list("agency__code", flat=True)) == {"so-xay-dung", "so-y-te"}


def test_directive_refuses_a_past_deadline_and_empty_text(case, supervisor):
    with pytest.raises(WorkflowError):
        operations.direct([case], supervisor, text="x", deadline=timezone.now() - timedelta(hours=1))
    with pytest.raises(WorkflowError):
        operations.direct([case], supervisor, text=" ", deadline=timezone.now() + timedelta(hours=1))
    assert not Directive.objects.exists()


def test_directive_only_leaders_direct(client, officer, lead, operator, case, soon):
    for person in (officer, lead, operator):
        client.force_login(person)
        response = client.post(f"/quy-trinh/ho-so/{case.tracking_code}/direct/", {
            "text": "x", "deadline": timezone.localtime(soon).strftime("%Y-%m-%dT%H:%M")})
        assert response.status_code == 403
    assert not Directive.objects.exists()


def test_directive_a_unit_reports_and_the_leader_is_told(client, directive, officer, supervisor):
    client.force_login(officer)
    assert str(directive.pk) in client.get("/quy-trinh/chi-dao/").content.decode()
    response = client.post(f"/quy-trinh/chi-dao/{directive.pk}/", {"text": "Đã thay nắp hố ga ngày 10/3."},
                           follow=True)
    assert "Đã gửi báo cáo thực hiện chỉ đạo" in response.content.decode()
    unit = directive.units.get()
    assert unit.state == DirectiveUnit.State.REPORTED and unit.reported_by == officer
    assert Notification.objects.filter(recipient=supervisor.email, event="escalated").exists()
    assert CaseEvent.objects.filter(action=EventAction.DIRECTIVE_REPORTED).count() == 1


def test_directive_other_units_neither_read_nor_report(client, directive, other_officer, citizen):
    client.force_login(other_officer)
    assert client.get(f"/quy-trinh/chi-dao/{directive.pk}/").status_code == 404
    assert client.post(f"/quy-trinh/chi-dao/{directive.pk}/", {"text": "x"}).status_code == 404
    assert str(directive.text) not in client.get("/quy-trinh/chi-dao/").content.decode()
    with pytest.raises(WorkflowError):
        operations.report_on_directive(directive, other_officer, text="không phải đơn vị được giao")
    client.force_login(citizen)
    assert client.get("/quy-trinh/chi-dao/").status_code == 403


def test_directive_late_unit_is_reforwarded_once_within_a_working_day(directive, lead, supervisor):
    calendar = get_calendar()
    assert operations.reforward_late_directives(now=directive.deadline - timedelta(minutes=1)) == 0
    late = directive.deadline + timedelta(minutes=5)
    assert operations.reforward_late_directives(now=late) == 1
    assert operations.reforward_late_directives(now=late + timedelta(hours=1)) == 0  # each unit once
    unit = directive.units.get()
    assert unit.reforwarded_at == late <= calendar.add_days(directive.deadline, 1)
    assert CaseEvent.objects.filter(action=EventAction.DIRECTIVE_REFORWARDED).count() == 1
    recipients = set(Notification.objects.filter(dedupe_key=f"reforward:{unit.pk}").values_list("recipient", flat=True))
    assert recipients == {lead.email, supervisor.email}


def test_directive_reforwarding_runs_from_celery_beat(directive):
    entry = BEAT_SCHEDULE["reforward-late-directives"]
    assert entry["task"] == "civicdesk.workflow.tasks.reforward_late_directives"
    assert float(entry["schedule"]) < get_calendar().day_length.total_seconds()
    Directive.objects.filter(pk=directive.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    assert tasks.reforward_late_directives.delay().get() == 1


def test_directive_a_reported_or_closed_directive_is_not_reforwarded(directive, officer, supervisor):
    operations.report_on_directive(directive, officer, text="Đã xong")
    assert operations.reforward_late_directives(now=directive.deadline + timedelta(days=1)) == 0
    other = operations.direct([CaseFactory(agency=directive.units.get().agency)], supervisor, text="Việc khác",
                              deadline=directive.deadline)
    operations.close_directive(other, supervisor)
    assert operations.reforward_late_directives(now=directive.deadline + timedelta(days=1)) == 0


def test_directive_dashboard_lists_open_directives_and_their_state(client, directive, supervisor, officer):
    client.force_login(supervisor)
    page = client.get("/dieu-hanh/chi-dao/").content.decode()
    assert f'data-directive="{directive.pk}" data-state="open"' in page and 'data-state="pending"' in page
    operations.reforward_late_directives(now=directive.deadline + timedelta(minutes=1))
    page = client.get("/dieu-hanh/chi-dao/").content.decode()
    assert f'data-directive="{directive.pk}" data-state="late"' in page and 'data-state="reforwarded"' in page
    operations.report_on_directive(directive, officer, text="Đã xong")
    assert f'data-directive="{directive.pk}" data-state="done"' in client.get("/dieu-hanh/chi-dao/").content.decode()
    operations.close_directive(directive, supervisor)
    assert 'id="no-directives"' in client.get("/dieu-hanh/chi-dao/").content.decode()


def test_directive_on_a_hot_spot_covers_its_open_cases(client, supervisor, agency, other_agency, category, soon):
    cases = [CaseFactory(agency=agency, category=category), CaseFactory(agency=other_agency, category=category),
             CaseFactory(agency=agency, category=category, status=Status.ANSWERED)]
    client.force_login(supervisor)
    codes = " ".join(c.tracking_code for c in cases[:2])
    response = client.post("/quy-trinh/chi-dao/moi/", {
        "codes": codes, "subject": "Điểm nóng: ngập nước", "text": "Rà soát toàn bộ điểm ngập",
        "deadline": timezone.localtime(soon).strftime("%Y-%m-%dT%H:%M")}, follow=True)
    directive = Directive.objects.get()
    assert response.redirect_chain[-1][0] == f"/quy-trinh/chi-dao/{directive.pk}/"
    assert set(directive.cases.all()) == set(cases[:2])
    assert set(directive.units.values_list("agency", flat=True)) == {agency.pk, other_agency.pk}
    # an answered case cannot be directed: the whole directive is refused, nothing is written
    response = client.post("/quy-trinh/chi-dao/moi/", {
        "codes": cases[2].tracking_code, "text": "x", "deadline": timezone.localtime(soon).strftime("%Y-%m-%dT%H:%M")},
        follow=True)
    assert Directive.objects.count() == 1 and "Không thể" in response.content.decode()


def test_directive_bad_input_is_a_message_not_an_error(client, supervisor, case):
    client.force_login(supervisor)
    response = client.post("/quy-trinh/chi-dao/moi/", {"codes": case.tracking_code, "text": "x",
                                                       "deadline": "ngày mai"}, follow=True)
    assert response.status_code == 200 and not Directive.objects.exists()
    response = client.post(f"/quy-trinh/ho-so/{case.tracking_code}/direct/", {"text": "", "deadline": ""}, follow=True)
    assert response.status_code == 200 and not Directive.objects.exists()
