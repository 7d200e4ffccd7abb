from django.urls import reverse


def test_the_inbox_and_case_page_speak_english_when_asked(client_for, lead, case):
    client = client_for(lead)
    client.cookies["django_language"] = "en"
    inbox = client.get(reverse("answers:inbox")).content.decode()
    assert "Agency cases" in inbox and "Due soon" in inbox and "Assign" in inbox
    page = client.get(reverse("answers:case", args=[case.tracking_code])).content.decode()
    assert "Start work" in page and "Internal note" in page and "Submit for approval" in page
    assert "Bắt đầu xử lý" not in page
