"""Issue 12 item 16: /media/public/ served every public copy on disk in demo mode — a case not
published yet, a draft answer's file. Now each file is looked up and checked like the file views."""

import importlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches

from civicdesk.answers.models import Answer, AnswerAttachment
from civicdesk.petitions import attachments
from tests.petitions.factories import CitizenCaseFactory, has_exif, jpeg_with_gps


@pytest.fixture(autouse=True)
def demo_urls(settings):
    """The URLs as the demo builds them (they used to depend on demo mode at import)."""
    import civicdesk.urls

    settings.DEMO_MODE = True
    importlib.reload(civicdesk.urls)
    clear_url_caches()
    yield
    settings.DEMO_MODE = False
    importlib.reload(civicdesk.urls)
    clear_url_caches()


def _photo(case):
    upload = SimpleUploadedFile("anh.jpg", jpeg_with_gps(), content_type="image/jpeg")
    return attachments.store(case, attachments.check_upload(upload))


def test_a_case_not_published_keeps_its_photo(client, db):
    item = _photo(CitizenCaseFactory(is_public=False))
    assert item.public_file.url.startswith("/media/public/")
    assert client.get(item.public_file.url).status_code == 404


def test_a_published_cases_photo_is_served_without_exif(client, db):
    item = _photo(CitizenCaseFactory(is_public=True))
    response = client.get(item.public_file.url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert not has_exif(b"".join(response.streaming_content))


def test_a_draft_answers_file_is_not_served(client, db, officer):
    case = CitizenCaseFactory(is_public=True)
    answer = Answer.objects.create(case=case, author=officer, body="Dự thảo", state="draft")
    checked = attachments.check_upload(SimpleUploadedFile("cv.jpg", jpeg_with_gps(), content_type="image/jpeg"))
    item = attachments.save_checked(AnswerAttachment(answer=answer), checked)
    assert client.get(item.public_file.url).status_code == 404
    answer.state = "approved"
    answer.save()
    assert client.get(item.public_file.url).status_code == 200


def test_files_on_disk_without_a_row_and_other_paths_are_not_served(client, db, settings):
    stray = settings.MEDIA_ROOT / "public" / "2026" / "01" / "ABCD-EFGH" / "stray.jpg"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(jpeg_with_gps())
    assert client.get("/media/public/2026/01/ABCD-EFGH/stray.jpg").status_code == 404
    assert client.get("/media/public/../civicdesk.sqlite3").status_code == 404
    assert client.get("/media/public/").status_code == 404
