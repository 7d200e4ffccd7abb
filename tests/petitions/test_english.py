"""English is the second language of the citizen pages (and of the shared page frame)."""

from django.conf import settings
from django.urls import reverse


def _in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_citizen_pages_and_the_frame_read_in_english(client, db):
    client = _in_english(client)
    home = client.get(reverse("petitions:home")).content.decode()
    assert '<html lang="en">' in home
    assert "Send a report" in home and "Track a report you sent" in home
    assert "Skip to content" in home and "Personal data protection" in home
    form = client.get(reverse("petitions:submit")).content.decode()
    assert "Hide my name when published" in form and "Law No. 91/2025/QH15" in form
    assert "Your rights" in client.get(reverse("petitions:privacy")).content.decode()


def test_error_messages_are_translated(client, form_data):
    client = _in_english(client)
    response = client.post(reverse("petitions:submit"), {**form_data, "title": "", "reporter_phone": "12"})
    html = response.content.decode()
    assert "Please enter a title." in html
    assert "This phone number is not valid" in html
    lookup = client.get(reverse("petitions:track_lookup"), {"ma": "ABCD-EFGH"}).content.decode()
    assert "No case has the code ABCD-EFGH" in lookup
