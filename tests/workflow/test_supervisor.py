from datetime import timedelta

from django.utils import timezone

from civicdesk.petitions.models import Status
from tests.factories import CaseFactory


def test_supervisor_sees_every_case_and_filters_overdue(client, supervisor, case, other_agency, category):
    late = CaseFactory(category=category, agency=other_agency, status=Status.IN_PROGRESS,
                       due_at=timezone.now() - timedelta(hours=1), title="Rác tồn đọng lâu ngày")
    client.force_login(supervisor)
    everything = client.get("/quy-trinh/ho-so/").content.decode()
    assert case.tracking_code in everything and late.tracking_code in everything
    overdue = client.get("/quy-trinh/ho-so/", {"sla": "overdue"}).content.decode()
    assert late.tracking_code in overdue and case.tracking_code not in overdue


def test_overdue_by_agency_counts(client, supervisor, agency, other_agency, category):
    past = timezone.now() - timedelta(hours=1)
    CaseFactory.create_batch(2, category=category, agency=agency, status=Status.IN_PROGRESS, due_at=past)
    CaseFactory(category=category, agency=other_agency, status=Status.IN_PROGRESS, due_at=past + timedelta(days=30))
    client.force_login(supervisor)
    response = client.get("/quy-trinh/qua-han/")
    rows = {a.name: (a.open_count, a.overdue_count) for a in response.context["agencies"]}
    assert rows == {agency.name: (2, 2), other_agency.name: (1, 0)}


def test_it_rejects_officers_from_city_lists(client, officer):
    client.force_login(officer)
    assert client.get("/quy-trinh/ho-so/").status_code == 403
    assert client.get("/quy-trinh/qua-han/").status_code == 403
    assert client.get("/quy-trinh/gia-han/").status_code == 403


def test_it_rejects_other_agencys_officer_on_the_case_page(client, case, other_officer, officer):
    client.force_login(other_officer)
    assert client.get(f"/quy-trinh/ho-so/{case.tracking_code}/").status_code == 403
    client.force_login(officer)
    assert client.get(f"/quy-trinh/ho-so/{case.tracking_code}/").status_code == 200
