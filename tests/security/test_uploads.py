"""Issue 12, items 3 and 15: uploads cannot overload intake, leave files behind, or publish a PDF.

Through the real submit form and the agency's answer form, on the real database and storage."""

import io
import resource
import struct
import time
import zlib
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError, connection
from django.test import Client
from django.urls import reverse
from PIL import Image

from civicdesk.answers.models import Answer, AnswerAttachment
from civicdesk.petitions import attachments, events
from civicdesk.petitions.forms import new_form_token
from civicdesk.petitions.models import Attachment, Case
from tests.petitions.factories import has_exif, jpeg_with_gps

SUBMIT = reverse("petitions:submit")

# A PDF that runs a script when opened and names its author: what a public copy must not carry.
PDF_WITH_SCRIPT = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 3 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"3 0 obj<</S/JavaScript/JS(app.alert\\('xin chao'\\))>>endobj\n"
    b"4 0 obj<</Author(Nguyen Van An)>>endobj\n"
    b"trailer<</Root 1 0 R/Info 4 0 R>>\n%%EOF\n"
)


@pytest.fixture
def form_data(routing_rule, category):
    return {
        "kind": "report", "title": "Đèn đường hỏng trên đường Lê Lợi",
        "content": "Ba cột đèn trước số 12 Lê Lợi tắt cả tuần, buổi tối rất tối và nguy hiểm.",
        "category": str(category.pk), "address_text": "12 Lê Lợi, phường Bến Thành",
        "reporter_type": "person", "reporter_name": "Trần Thị Bình", "reporter_phone": "0912 345 678",
        "consent": "on", "token": new_form_token(),
    }


@pytest.fixture
def client_for():
    def make(user):  # type: ignore[no-untyped-def]
        client = Client()
        client.force_login(user)
        return client

    return make


def bomb_png(width: int, height: int) -> bytes:
    """A tiny PNG of one colour that claims `width` × `height` pixels (1-bit palette, deflated
    zeros): tens of kilobytes on the wire, hundreds of megabytes to gigabytes once decoded."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" * (1 + (width + 7) // 8)
    deflate = zlib.compressobj(9)
    data = b"".join(deflate.compress(row) for _ in range(height)) + deflate.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 3, 0, 0, 0))
            + chunk(b"PLTE", b"\x80\x80\x80\xff\xff\xff") + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def _files_under(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.exists() else []


def _photo(name: str = "anh.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_with_gps(), content_type="image/jpeg")


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- item 3: a pixel cap before decoding -------------------------------------------------------

def test_a_43_kb_png_of_16000_by_11000_pixels_is_refused_quickly_without_decoding(client, form_data):
    bomb = bomb_png(16000, 11000)
    assert len(bomb) < 50_000
    rss_before, start = _max_rss_mb(), time.perf_counter()
    response = client.post(SUBMIT, {**form_data, "attachments": [
        SimpleUploadedFile("anh.png", bomb, content_type="image/png")]})
    elapsed = time.perf_counter() - start
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ảnh “anh.png” có kích thước quá lớn; mỗi ảnh tối đa 50 triệu điểm ảnh" in html
    assert form_data["content"] in html  # what the person typed is kept
    assert Case.objects.count() == 0
    assert elapsed < 2, f"took {elapsed:.1f} s"
    # Decoding it would take 176 MB as a palette image and ~2 GB on the way to a public copy.
    assert _max_rss_mb() - rss_before < 100


def test_an_image_just_over_the_cap_is_refused_from_its_header(client, form_data):
    """8000 × 7000 = 56 megapixels: over our cap but under Pillow's own error (twice the cap)."""
    response = client.post(SUBMIT, {**form_data, "attachments": [
        SimpleUploadedFile("rong.png", bomb_png(8000, 7000), content_type="image/png")]})
    assert "Ảnh “rong.png” có kích thước quá lớn" in response.content.decode()
    assert Case.objects.count() == 0


def test_pillows_own_limit_is_the_configured_cap(settings):
    assert Image.MAX_IMAGE_PIXELS == settings.ATTACHMENT_MAX_PIXELS == 50_000_000


def test_the_english_page_explains_the_refusal_in_english(client, form_data):
    response = client.post(SUBMIT, {**form_data, "attachments": [
        SimpleUploadedFile("anh.png", bomb_png(16000, 11000), content_type="image/png")]},
        headers={"Accept-Language": "en"})
    assert "too many pixels" in response.content.decode()


def test_a_large_photo_is_accepted_with_a_smaller_public_copy_without_exif(client, form_data):
    image = Image.new("RGB", (4000, 3000), (90, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "CivicdeskTestCam"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, quality=80)
    response = client.post(SUBMIT, {**form_data, "attachments": [
        SimpleUploadedFile("lon.jpg", out.getvalue(), content_type="image/jpeg")]})
    assert response.status_code == 302
    item = Case.objects.get().attachments.get()
    public = item.public_file.read()
    with Image.open(io.BytesIO(public)) as copy:
        assert max(copy.size) == attachments.PUBLIC_MAX_SIDE
    assert not has_exif(public)
    with Image.open(item.file.path) as original:
        assert original.size == (4000, 3000)


@pytest.mark.django_db(transaction=True)
def test_image_work_and_file_writes_happen_outside_the_database_transaction(client, form_data, monkeypatch):
    """On SQLite a transaction held while a photo is re-encoded makes every other writer fail
    ("database is locked"): the public copy and the writes must come before it opens."""
    seen: list[tuple[str, bool]] = []
    real_copy, real_save = attachments.public_copy, FileSystemStorage._save

    def copy_spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(("public copy", connection.in_atomic_block))
        return real_copy(*args, **kwargs)

    def save_spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(("file write", connection.in_atomic_block))
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(attachments, "public_copy", copy_spy)
    monkeypatch.setattr(FileSystemStorage, "_save", save_spy)
    response = client.post(SUBMIT, {**form_data, "attachments": [_photo(), _photo("anh2.jpg")]})
    assert response.status_code == 302
    assert Case.objects.get().attachments.count() == 2
    assert [step for step, _ in seen].count("public copy") == 2
    assert [step for step, _ in seen].count("file write") == 4
    assert not any(in_transaction for _, in_transaction in seen), seen


# --- item 15: no files without a row; PDFs never public ----------------------------------------

def test_a_repeated_submission_leaves_only_the_files_of_the_stored_case(client, form_data, settings):
    first = client.post(SUBMIT, {**form_data, "attachments": [_photo()]})
    again = client.post(SUBMIT, {**form_data, "attachments": [_photo()]})  # same form token: same case
    assert first.status_code == again.status_code == 302
    item = Attachment.objects.get()
    assert _files_under(Path(settings.MEDIA_ROOT)) == sorted([Path(item.file.path), Path(item.public_file.path)])


def test_a_create_that_fails_removes_the_files_it_wrote(client, form_data, settings, monkeypatch):
    def disk_full(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise DatabaseError("could not extend file: No space left on device")

    monkeypatch.setattr(events, "record_all", disk_full)
    with pytest.raises(DatabaseError):
        client.post(SUBMIT, {**form_data, "attachments": [_photo(), _photo("anh2.jpg")]})
    assert Case.objects.count() == 0 and Attachment.objects.count() == 0
    assert _files_under(Path(settings.MEDIA_ROOT)) == []


def test_a_citizens_pdf_is_never_published(client, client_for, form_data, officer):
    response = client.post(SUBMIT, {**form_data, "attachments": [
        SimpleUploadedFile("don.pdf", PDF_WITH_SCRIPT, content_type="application/pdf")]})
    assert response.status_code == 302
    case = Case.objects.get()
    item = case.attachments.get()
    assert not item.public_file
    Case.objects.filter(pk=case.pk).update(is_public=True)

    html = client.get(reverse("petitions:track", args=[case.tracking_code])).content.decode()
    assert "don.pdf" not in html
    assert client.get(reverse("petitions:attachment", args=[case.tracking_code, item.pk])).status_code == 404
    assert client.get(reverse("answers:public_attachment", args=[item.pk])).status_code == 404
    # the agency still reads the original
    original = client_for(officer).get(reverse("answers:attachment", args=[case.tracking_code, item.pk]))
    assert original.status_code == 200 and b"".join(original.streaming_content) == PDF_WITH_SCRIPT


def test_a_pdf_sent_with_an_answer_is_never_published(client, client_for, officer, lead, case):
    staff = client_for(officer)
    staff.post(reverse("answers:start", args=[case.tracking_code]))
    staff.post(reverse("answers:draft", args=[case.tracking_code]), {
        "body": "Đã sửa xong.", "save": "1",
        "files": [SimpleUploadedFile("cong-van.pdf", PDF_WITH_SCRIPT, content_type="application/pdf")]})
    item = AnswerAttachment.objects.get()
    assert item.file and not item.public_file
    Answer.objects.filter(pk=item.answer_id).update(state=Answer.State.APPROVED)
    type(case).objects.filter(pk=case.pk).update(is_public=True)
    assert client.get(reverse("answers:public_answer_attachment", args=[item.pk])).status_code == 404
