"""The official answer issued as a PDF letter (Decree 30/2020 layout) signed with the agency's key
(PAdES, pyHanko), verified on the public page. A certification authority is made in the test; the
verifier accepts the letter, and rejects it once one byte changes. Run alone with `-k signed_answer`."""

import io

import pytest
from django.core.cache import cache
from django.urls import reverse
from pypdf import PdfReader

from civicdesk.answers import publishing, signing
from civicdesk.answers.models import Answer, SigningIdentity
from civicdesk.answers.publishing import PublishingError
from civicdesk.petitions.models import EventAction, Status
from tests.answers.certificate_authority import make_ca
from tests.petitions.factories import CitizenCaseFactory

BODY = ("Kính gửi ông Nguyễn Văn An (0903 123 456): Sở Xây dựng đã tiếp nhận phản ánh về cống thoát nước "
        "trước nhà số 12 Lê Lợi.\nĐơn vị duy tu đã nạo vét toàn tuyến ngày 05/12; nước đã thoát bình thường.")


@pytest.fixture(autouse=True)
def _fresh_verdicts():
    cache.clear()


@pytest.fixture
def ca(tmp_path, monkeypatch):
    paths = make_ca(tmp_path / "ca")
    monkeypatch.setenv("CIVICDESK_SIGNING_PASSPHRASE_SXD", paths.passphrase.decode())
    return paths


@pytest.fixture
def identity(agency, ca):
    return SigningIdentity.objects.create(
        agency=agency, parent_name="Ủy ban nhân dân Thành phố Hồ Chí Minh", symbol="SXD-VP",
        signer_authority="KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", signer_name="Trần Quốc Hùng", key_path=str(ca.key),
        cert_path=str(ca.cert), trust_root_path=str(ca.root), passphrase_env="CIVICDESK_SIGNING_PASSPHRASE_SXD")


@pytest.fixture
def approved(category, agency, officer, lead):
    case = CitizenCaseFactory(category=category, agency=agency, status=Status.IN_PROGRESS)
    draft = publishing.save_draft(case, officer, BODY, no_evidence_reason="Nạo vét dưới lòng cống.")
    return publishing.approve(publishing.submit_for_approval(draft, officer), lead)


def _letter_bytes(answer: Answer) -> bytes:
    answer.refresh_from_db()
    with answer.letter_file.open("rb") as handle:
        return handle.read()


def test_signed_answer_letter_has_the_official_layout_and_a_valid_signature(approved, identity, lead, ca):
    publishing.issue_letter(approved, lead)
    data = _letter_bytes(approved)
    assert approved.letter_number == "1/SXD-VP" and approved.letter_signed_at is not None
    text = PdfReader(io.BytesIO(data)).pages[0].extract_text()
    for line in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "SỞ XÂY DỰNG",
                 "Số: 1/SXD-VP", "Thành phố Hồ Chí Minh, ngày", "Kính gửi", approved.case.tracking_code,
                 "nạo vét toàn tuyến", "Nơi nhận:", "PHÓ GIÁM ĐỐC", "Trần Quốc Hùng"):
        assert line in text, line
    assert "Nguyễn Văn An" not in text and "0903 123 456" not in text  # the public text, masked
    verdict = signing.verify(data, signing.load_certificates([str(ca.root)]))
    assert verdict.valid and verdict.intact and verdict.trusted and verdict.whole_file
    assert verdict.signer == "Sở Xây dựng" and verdict.signed_at is not None
    event = approved.case.events.get(action=EventAction.LETTER_SIGNED)
    assert event.is_public and event.note == "1/SXD-VP"


def test_signed_answer_is_rejected_after_one_byte_of_the_pdf_changes(approved, identity, lead, ca):
    publishing.issue_letter(approved, lead)
    data = bytearray(_letter_bytes(approved))
    roots = signing.load_certificates([str(ca.root)])
    # One byte inside the signed text ("nạo vét" → a changed letter in the content stream's bytes).
    position = data.index(b"stream") + 40
    data[position] ^= 0x01
    verdict = signing.verify(bytes(data), roots)
    assert not verdict.valid and not verdict.intact
    # and one byte appended after the signature: the signed part is intact, the file is not all signed
    appended = signing.verify(_letter_bytes(approved) + b"%", roots)
    assert not appended.valid


def test_signed_answer_from_another_authority_is_not_trusted(approved, identity, lead, tmp_path):
    publishing.issue_letter(approved, lead)
    stranger = make_ca(tmp_path / "other", root_name="CA khác")
    verdict = signing.verify(_letter_bytes(approved), signing.load_certificates([str(stranger.root)]))
    assert verdict.intact and not verdict.trusted and not verdict.valid


def test_signed_answer_is_verified_on_the_public_page(client, approved, identity, lead):
    publishing.issue_letter(approved, lead)
    code = approved.case.tracking_code
    for page in ("petitions:public_detail", "petitions:track"):
        html = client.get(reverse(page, args=[code])).content.decode()
        assert 'id="signed-letter"' in html and "letter-valid" in html
        assert "Hợp lệ: văn bản nguyên vẹn từ khi ký" in html and "Sở Xây dựng" in html
        assert 'id="letter-signed-at"' in html
    response = client.get(reverse("answers:letter", args=[approved.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == _letter_bytes(approved)


def test_signed_answer_page_says_so_when_the_stored_letter_was_altered(client, approved, identity, lead):
    publishing.issue_letter(approved, lead)
    data = bytearray(_letter_bytes(approved))
    data[data.index(b"stream") + 40] ^= 0x01
    with open(approved.letter_file.path, "wb") as handle:
        handle.write(bytes(data))
    Answer.objects.filter(pk=approved.pk).update(letter_sha256="altered")
    html = client.get(reverse("petitions:public_detail", args=[approved.case.tracking_code])).content.decode()
    assert "letter-invalid" in html and "đã bị thay đổi sau khi ký" in html


def test_signed_answer_letter_of_a_case_not_public_stays_private(client, approved, identity, lead, officer):
    publishing.issue_letter(approved, lead)
    approved.case.is_public = False
    approved.case.save()
    url = reverse("answers:letter", args=[approved.pk])
    assert client.get(url).status_code == 404
    client.force_login(officer)
    assert client.get(url).status_code == 200


def test_signed_answer_needs_the_agencys_signing_identity(approved, lead, identity, monkeypatch):
    identity.delete()
    with pytest.raises(PublishingError, match="chưa cấu hình chữ ký số"):
        publishing.issue_letter(approved, lead)
    SigningIdentity.objects.create(**{**_fields(identity), "pk": None})
    monkeypatch.setenv("CIVICDESK_SIGNING_PASSPHRASE_SXD", "sai-mat-khau")
    with pytest.raises(PublishingError, match="Không đọc được khóa"):
        publishing.issue_letter(approved, lead)
    approved.refresh_from_db()
    assert not approved.letter_file and approved.letter_number == ""


def _fields(identity):
    return {f.name: getattr(identity, f.name) for f in SigningIdentity._meta.concrete_fields}


def test_signed_answer_letters_are_numbered_per_agency_and_once_per_answer(approved, identity, lead, category,
                                                                           agency, officer):
    publishing.issue_letter(approved, lead)
    with pytest.raises(PublishingError, match="đã có văn bản ký số"):
        publishing.issue_letter(approved, lead)
    second_case = CitizenCaseFactory(category=category, agency=agency, status=Status.IN_PROGRESS)
    draft = publishing.save_draft(second_case, officer, "Sở đã tiếp nhận và sẽ trả lời sau khi kiểm tra.")
    second = publishing.approve(publishing.submit_for_approval(draft, officer), lead)
    publishing.issue_letter(second, lead)
    second.refresh_from_db()
    assert second.letter_number == "2/SXD-VP"


def test_signed_answer_is_issued_by_the_lead_from_the_case_page(client, approved, identity, lead, officer):
    url = reverse("answers:issue_letter", args=[approved.case.tracking_code])
    client.force_login(officer)
    assert client.post(url).status_code == 403
    client.force_login(lead)
    page = client.get(reverse("answers:case", args=[approved.case.tracking_code])).content.decode()
    assert 'id="issue-letter"' in page
    client.post(url)
    approved.refresh_from_db()
    assert approved.letter_number == "1/SXD-VP"
    page = client.get(reverse("answers:case", args=[approved.case.tracking_code])).content.decode()
    assert 'id="signed-letter"' in page and 'id="issue-letter"' not in page
