from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from civicdesk.assistant.answering import ask
from civicdesk.petitions.events import record
from civicdesk.petitions.models import EventAction, Status
from tests.factories import CaseFactory


def test_it_answers_with_sources_and_the_procedure_card(kb):
    reply = ask("lam can cuoc o dau, mat bao lau")
    assert reply.status == "answer"
    assert reply.sources[0].entry == kb["cccd"]
    assert reply.card == kb["cccd"]
    assert reply.sources[0].url == reverse("assistant:entry", args=[kb["cccd"].pk])
    assert "[1]" in reply.text


def test_it_says_it_does_not_know_when_nothing_matches(kb):
    reply = ask("giá vàng hôm nay bao nhiêu")
    assert reply.status == "unknown"
    assert reply.sources == []


def test_unknown_offers_a_prefilled_case_form(kb):
    reply = ask("cây cầu khỉ ở ấp tôi bị sập", conversation=["Xin chào"])
    url = urlparse(reply.case_form_url)
    assert url.path == reverse("petitions:submit")
    params = parse_qs(url.query)
    assert params["title"] == ["cây cầu khỉ ở ấp tôi bị sập"]
    assert params["content"] == ["cây cầu khỉ ở ấp tôi bị sập"]


@pytest.fixture
def tracked_case(case):
    case.tracking_code = "K7QD-M3XA"
    case.status = Status.IN_PROGRESS
    case.save()
    record(case, EventAction.CREATED, note="Đã tiếp nhận", to_status=Status.RECEIVED)
    record(case, EventAction.NOTE, note="Ghi chú nội bộ: gọi lại cho chủ nhà", is_public=False)
    return case


def test_it_reports_the_status_of_a_case_given_its_tracking_code(tracked_case):
    reply = ask("hồ sơ k7qd m3xa của tôi đến đâu rồi?")
    assert reply.status == "tracking"
    assert reply.tracking["code"] == "K7QD-M3XA"
    assert reply.tracking["status"] == Status.IN_PROGRESS
    notes = [event["note"] for event in reply.tracking["timeline"]]
    assert "Đã tiếp nhận" in notes
    assert not any("nội bộ" in note for note in notes)
    assert "reporter" not in str(reply.tracking) and tracked_case.reporter_phone not in str(reply.as_dict())


def test_an_unknown_tracking_code_is_said_so(db):
    reply = ask("Mã K7QD-M3XB đến đâu rồi")
    assert reply.status == "tracking_not_found"


def test_the_api_answers_json(client, kb):
    response = client.post("/api/v1/assistant/ask", {"question": "doi bang lai xe"}, content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "answer"
    assert data["sources"][0]["id"] == "gplx"
    assert data["sources"][0]["url"].startswith("http://testserver/tro-ly/tri-thuc/")
    assert data["procedure"]["fees"] == "135.000 đồng"
    assert "/gui-phan-anh/?" in data["case_form_url"]


def test_the_api_rejects_an_empty_question(client, db):
    response = client.post("/api/v1/assistant/ask", {"question": ""}, content_type="application/json")
    assert response.status_code == 422


def test_the_chat_page_answers_by_htmx_and_remembers_the_conversation(client, kb):
    page = client.get(reverse("assistant:chat"))
    assert page.status_code == 200 and 'name="q"' in page.content.decode()
    first = client.post(reverse("assistant:chat"), {"q": "xin chào"}, HTTP_HX_REQUEST="true")
    assert "không biết" in first.content.decode()
    second = client.post(reverse("assistant:chat"), {"q": "hàng xóm hát karaoke khuya"}, HTTP_HX_REQUEST="true")
    html = second.content.decode()
    assert "<html" not in html
    assert "Hàng xóm hát karaoke gây ồn ban đêm thì báo ai?" in html
    # the case form starts from the message that describes a problem, not from the greeting
    assert "title=h%C3%A0ng+x%C3%B3m+h%C3%A1t+karaoke+khuya" in html and "xin+ch%C3%A0o" not in html


def test_the_chat_page_works_without_javascript(client, kb):
    response = client.post(reverse("assistant:chat"), {"q": "doi giay phep lai xe"})
    html = response.content.decode()
    assert "<html" in html and "Đổi giấy phép lái xe" in html


def test_the_entry_page_shows_the_card(client, kb):
    response = client.get(reverse("assistant:entry", args=[kb["cccd"].pk]))
    assert response.status_code == 200
    assert "Cấp đổi 50.000 đồng" in response.content.decode()


def test_published_answers_link_to_the_public_case(db, category, agency):
    from civicdesk.answers.models import Answer
    from tests.factories import UserFactory

    case = CaseFactory(tracking_code="MNPQ-2345", title="Cống nghẹt gây ngập hẻm 45", category=category, agency=agency,
                       is_public=True, status=Status.ANSWERED)
    Answer.objects.create(case=case, author=UserFactory(), body="x", public_body="Ngày 3/4 đã nạo vét cống hẻm 45.",
                          state=Answer.State.APPROVED)
    reply = ask("cống nghẹt gây ngập trong hẻm")
    assert reply.status == "answer"
    assert reply.sources[0].url == reverse("petitions:public_detail", args=["MNPQ-2345"])


def test_excerpts_leave_out_letter_formalities():
    from civicdesk.assistant.answering import best_sentences

    body = "Kính gửi ông H.M.L.,\n\nCông an phường đã xử phạt hành chính chủ quán karaoke.\n\nTrân trọng."
    assert best_sentences("karaoke", body) == ["Công an phường đã xử phạt hành chính chủ quán karaoke."]


def test_two_entries_with_the_same_title_are_quoted_once(kb):
    from tests.assistant.factories import KnowledgeEntryFactory

    KnowledgeEntryFactory(title="Hàng xóm hát karaoke gây ồn ban đêm thì báo ai?", body="Gọi 1022.")
    titles = [s.entry.title for s in ask("hàng xóm hát karaoke ban đêm").sources]
    assert titles.count("Hàng xóm hát karaoke gây ồn ban đêm thì báo ai?") == 1
