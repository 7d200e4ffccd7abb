""""Send as a report" from the citizen assistant: the case form is filled from the message that
describes the problem, with the category the router suggests."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from civicdesk.assistant.answering import ask
from civicdesk.assistant.handoff import problem_message, report_from
from tests.factories import CategoryFactory

FLOOD = ("Hẻm 190 Nguyễn Thái Sơn bị ngập nặng mỗi khi mưa, cống nghẹt cả tháng nay. Nước tràn vào nhà, "
         "xe máy chết máy giữa hẻm.")


@pytest.fixture
def categories(db):
    return {
        "flood": CategoryFactory(code="thoat-nuoc", name="Thoát nước, ngập", scope="ngập nước, cống nghẹt",
                                 keywords="ngập\ncống nghẹt\nthoát nước"),
        "noise": CategoryFactory(code="tieng-on", name="Tiếng ồn", keywords="karaoke\nồn ào"),
    }


@pytest.mark.parametrize("conversation", [
    ["Đăng ký kết hôn ở đâu?", FLOOD],
    ["Xin chào", FLOOD, "Đăng ký kết hôn ở đâu?"],
    [FLOOD, "cảm ơn", "lệ phí làm căn cước bao nhiêu tiền"],
    ["Cho hỏi thủ tục làm giấy khai sinh cần giấy tờ gì?", "hẻm nhà tôi ngập", FLOOD],
])
def test_the_report_is_the_message_that_describes_the_problem(categories, conversation):
    report = report_from(conversation)
    assert report.content == FLOOD
    assert report.title == "Hẻm 190 Nguyễn Thái Sơn bị ngập nặng mỗi khi mưa, cống nghẹt cả tháng nay"
    assert report.category_code == "thoat-nuoc"


def test_a_conversation_without_a_problem_gives_its_last_question(categories):
    assert problem_message(["Xin chào", "giá vàng hôm nay bao nhiêu"]) == "giá vàng hôm nay bao nhiêu"
    report = report_from(["Xin chào", "giá vàng hôm nay bao nhiêu"])
    assert report.category_code is None


def test_a_long_message_gets_a_short_title(categories):
    long = "Quán karaoke đầu hẻm " + "hát ồn ào suốt đêm " * 20
    report = report_from([long])
    assert len(report.title) <= 121 and report.title.endswith("…") and report.content == long.strip()
    assert report.category_code == "tieng-on"


def test_the_assistants_offer_links_to_the_form_filled_from_the_problem(categories, kb):
    reply = ask("cây cầu khỉ bị sập rồi thì sao", conversation=["Đăng ký kết hôn ở đâu?", FLOOD])
    params = parse_qs(urlparse(reply.case_form_url).query)
    assert params["title"] == ["Hẻm 190 Nguyễn Thái Sơn bị ngập nặng mỗi khi mưa, cống nghẹt cả tháng nay"]
    assert params["content"] == [FLOOD]
    assert params["category"] == ["thoat-nuoc"]


def test_the_case_form_shows_the_suggested_category_and_the_text(client, categories):
    url = reverse("petitions:submit") + "?" + "&".join([
        "title=H%E1%BA%BBm+ng%E1%BA%ADp", "content=N%C6%B0%E1%BB%9Bc+ng%E1%BA%ADp", "category=thoat-nuoc"])
    html = client.get(url).content.decode()
    assert f'<option value="{categories["flood"].pk}" selected>' in html
    assert 'value="Hẻm ngập"' in html and "Nước ngập" in html


@pytest.mark.parametrize("code", ["khong-co", "<script>", "x" * 500])
def test_an_unknown_or_hostile_category_in_the_link_is_ignored(client, categories, code):
    response = client.get(reverse("petitions:submit"), {"title": "Hẻm ngập", "category": code})
    assert response.status_code == 200
    select = response.content.decode().split('name="category"')[1].split("</select>")[0]
    assert '<option value="" selected>' in select and select.count(" selected>") == 1
