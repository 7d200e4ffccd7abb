import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from civicdesk.answers.models import Answer
from civicdesk.assistant.models import KnowledgeEntry
from tests.assistant.factories import KnowledgeEntryFactory
from tests.factories import CaseFactory, UserFactory


@pytest.fixture
def flooding_case(category, agency):
    return CaseFactory(title="Hẻm 45 Lê Lợi ngập nước sau mưa", content="Cống nghẹt, nước ngập sâu mỗi khi mưa.",
                       category=category, agency=agency, tracking_code="HJKM-2345")


@pytest.fixture
def answered_case(category, agency):
    case = CaseFactory(title="Đường Trần Hưng Đạo ngập nước sau mưa", content="Cống nghẹt gây ngập.",
                       category=category, agency=agency, is_public=True, tracking_code="HJKM-6789")
    Answer.objects.create(case=case, author=UserFactory(), body="x", state=Answer.State.APPROVED,
                          public_body="Ngày 5/6 Công ty thoát nước đã nạo vét 120 m cống.")
    return case


@pytest.fixture
def knowledge(db):
    KnowledgeEntryFactory(external_id="law-ngap", kind=KnowledgeEntry.Kind.LEGAL,
                          title="Nghị định 80/2014/NĐ-CP, Điều 4 — Thoát nước và ngập",
                          body="Thoát nước mưa, chống ngập úng đô thị là trách nhiệm của đơn vị thoát nước.")
    KnowledgeEntryFactory(external_id="qa-ngap", title="Đường bị ngập nước sau mưa thì báo ở đâu?",
                          body="Gửi phản ánh; đơn vị thoát nước kiểm tra, nạo vét cống.")


def panel_url(case):
    return reverse("assistant:officer_panel", args=[case.pk])


def test_the_officer_of_the_agency_sees_similar_cases_knowledge_and_a_draft(client, officer, flooding_case,
                                                                            answered_case, knowledge):
    client.force_login(officer)
    response = client.get(panel_url(flooding_case))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Đường Trần Hưng Đạo ngập nước sau mưa" in html
    assert "nạo vét 120 m cống" in html
    assert "Nghị định 80/2014/NĐ-CP, Điều 4" in html
    draft = response.context["help"].draft
    assert "HJKM-2345" in draft and "Nghị định 80/2014/NĐ-CP" in draft
    assert "Hẻm 45 Lê Lợi ngập nước sau mưa" not in [e.title for e in response.context["help"].similar]


@pytest.mark.parametrize("persona", ["supervisor", "operator"])
def test_city_wide_staff_see_the_panel(client, request, persona, flooding_case):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(panel_url(flooding_case)).status_code == 200


@pytest.mark.parametrize("persona", ["other_officer", "other_lead", "citizen"])
def test_it_rejects_people_who_cannot_see_the_case(client, request, persona, flooding_case):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(panel_url(flooding_case)).status_code == 403


def test_it_rejects_anonymous_visitors(client, flooding_case):
    assert client.get(panel_url(flooding_case)).status_code == 403


def test_the_include_loads_the_panel_by_htmx(officer, flooding_case):
    html = render_to_string("assistant/_officer_panel.html", {"case": flooding_case, "user": officer})
    assert f'hx-get="{panel_url(flooding_case)}"' in html
    assert 'hx-include="#id_body"' in html
