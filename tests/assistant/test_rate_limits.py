"""The chat page under the anonymous limit: the refusal is said in the conversation and the question
stays in the box."""

from django.urls import reverse

URL = reverse("assistant:chat")


def test_the_chat_says_so_in_the_conversation_and_keeps_the_question(client, kb, settings):
    settings.RATE_ASSISTANT = "1/min"
    assert client.post(URL, {"q": "doi bang lai xe"}, HTTP_HX_REQUEST="true").status_code == 200
    response = client.post(URL, {"q": "lam can cuoc o dau"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
    html = response.content.decode()
    assert "quá nhiều câu hỏi" in html and "lam can cuoc o dau" in html


def test_without_javascript_the_page_keeps_the_question_in_the_box(client, kb, settings):
    settings.RATE_ASSISTANT = "1/min"
    client.get(URL, {"q": "doi bang lai xe"})
    response = client.post(URL, {"q": "lam can cuoc o dau"})
    assert response.status_code == 429
    assert ">lam can cuoc o dau</textarea>" in response.content.decode()


def test_opening_the_page_without_a_question_does_not_count(client, kb, settings):
    settings.RATE_ASSISTANT = "1/min"
    assert {client.get(URL).status_code for _ in range(3)} == {200}
    assert client.post(URL, {"q": "doi bang lai xe"}).status_code == 200
