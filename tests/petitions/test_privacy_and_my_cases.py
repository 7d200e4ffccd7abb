from django.urls import reverse

from tests.petitions.factories import CitizenCaseFactory


def test_the_privacy_page_explains_the_law_in_plain_words(client, db):
    html = client.get(reverse("petitions:privacy")).content.decode()
    assert "91/2025/QH15" in html
    for heading in ("Chúng tôi giữ những gì", "Để làm gì", "Ai được xem", "Giữ trong bao lâu", "Quyền của bạn"):
        assert heading in html


def test_my_cases_needs_a_sign_in(client, db):
    response = client.get(reverse("petitions:my_cases"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_my_cases_lists_only_the_citizens_own_cases(client, citizen, operator):
    mine = CitizenCaseFactory(user=citizen, title="Vỉa hè bị lấn chiếm trước nhà tôi")
    theirs = CitizenCaseFactory(user=operator, title="Phản ánh của người khác")
    anonymous = CitizenCaseFactory(title="Phản ánh không đăng nhập")
    client.force_login(citizen)
    html = client.get(reverse("petitions:my_cases")).content.decode()
    assert mine.title in html
    assert theirs.title not in html and anonymous.title not in html
    assert reverse("petitions:track", args=[mine.tracking_code]) in html
