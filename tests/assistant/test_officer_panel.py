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


@pytest.fixture
def demo_kb(db):
    from django.core.management import call_command

    call_command("load_demo_kb", stdout=__import__("io").StringIO())


@pytest.fixture
def roads(db):
    from tests.factories import CategoryFactory

    return CategoryFactory(code="giao-thong", name="Giao thông", scope="ổ gà, đèn tín hiệu, kẹt xe",
                           keywords="ổ gà\nđường hư\nmặt đường hư hỏng")


@pytest.mark.parametrize("title,content", [
    ("Ổ gà lớn trên đường Nguyễn Trãi", "Đường xuất hiện ổ gà sâu trước số 120, xe máy đi qua dễ té ngã."),
    ("Ổ gà giữa đường gây nguy hiểm cho xe", "Xe máy, ô tô phải né ổ gà, đề nghị sửa mặt đường và đăng ký sửa chữa."),
])
def test_a_pothole_draft_cites_only_sources_about_potholes(demo_kb, roads, agency, title, content):
    from civicdesk.assistant.officer import help_for_case

    case = CaseFactory(title=title, content=content, category=roads, agency=agency)
    found = help_for_case(case)
    cited = [e.title for e in [*found.procedures, *found.legal]]
    assert cited and all("ổ gà" in t.lower() for t in cited), cited
    assert "79/2024/TT-BCA" not in found.draft and "Luật Xây dựng" not in found.draft
    assert "Đăng ký xe" not in found.draft and "giấy phép xây dựng" not in found.draft.lower()


def test_a_case_no_source_speaks_of_gets_a_draft_that_cites_none_and_says_so(demo_kb, agency):
    from civicdesk.assistant.answer_quality import check_answer
    from civicdesk.assistant.officer import help_for_case
    from tests.factories import CategoryFactory

    culture = CategoryFactory(code="van-hoa", name="Văn hóa", keywords="nhà văn hóa\nlễ hội")
    case = CaseFactory(title="Nhà văn hóa khu phố 3 xuống cấp",
                       content="Mái nhà văn hóa bị dột, trần bong tróc; xin phường cho sửa trước lễ hội.",
                       category=culture, agency=agency)
    found = help_for_case(case)
    assert not found.procedures and not found.legal
    assert "Nguồn:" not in found.draft
    assert "không có nguồn nào đủ liên quan" in found.draft
    assert "kho tri thức không có văn bản đủ liên quan" in found.draft
    # the unfilled draft cannot pass the vagueness check
    assert any("chưa điền" in w for w in check_answer(found.draft))
