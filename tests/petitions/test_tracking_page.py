"""Tracking a case by its code: anyone holding the code sees progress, never the contact data."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civicdesk.petitions import attachments, events, reporter_access
from civicdesk.petitions.models import EventAction, Status
from tests.petitions.factories import CitizenCaseFactory, approve_answer, has_exif, jpeg_with_gps

LOOKUP = reverse("petitions:track_lookup")


def _track(client, code):
    return client.get(reverse("petitions:track", args=[code]))


def test_a_code_typed_in_lower_case_with_spaces_finds_the_case(client, db):
    case = CitizenCaseFactory(tracking_code="K7QD-M3XA")
    response = client.get(LOOKUP, {"ma": " k7qd m3xa "})
    assert response.status_code == 302
    assert response["Location"] == reverse("petitions:track", args=["K7QD-M3XA"])
    assert _track(client, "k7qdm3xa")["Location"] == case.get_absolute_url()


def test_a_malformed_code_gets_the_format_hint(client, db):
    response = client.get(LOOKUP, {"ma": "12-xyz"})
    html = response.content.decode()
    assert "không đúng dạng" in html and "K7QD-M3XA" in html
    assert 'value="12-xyz"' in html


def test_an_unknown_code_is_not_found_in_plain_words(client, db):
    response = client.get(LOOKUP, {"ma": "ABCD-EFGH"})
    assert "Không tìm thấy phản ánh nào có mã ABCD-EFGH" in response.content.decode()
    page = _track(client, "ABCD-EFGH")
    assert page.status_code == 404
    assert "Không tìm thấy" in page.content.decode()


def test_an_empty_lookup_asks_for_the_code(client, db):
    assert "Vui lòng nhập mã tra cứu." in client.get(LOOKUP, {"ma": ""}).content.decode()


def test_the_page_shows_status_category_agency_due_date_and_public_timeline(client, category, agency):
    case = CitizenCaseFactory(category=category, agency=agency, status=Status.IN_PROGRESS)
    events.record(case, EventAction.ASSIGNED, note="Sở Xây dựng", to_status=Status.ASSIGNED)
    events.record(case, EventAction.NOTE, note="Ghi chú nội bộ: gọi lại cho ông An", is_public=False)
    html = _track(client, case.tracking_code).content.decode()
    assert "Đang xử lý" in html
    assert category.name in html and agency.name in html
    assert "Chuyển đơn vị xử lý" in html
    assert "Ghi chú nội bộ: gọi lại" not in html


def test_contact_data_is_not_shown_only_masked_hints(client, db):
    case = CitizenCaseFactory(reporter_email="an.nguyen@gmail.com", reporter_phone="0903123456",
                              content="Liên hệ tôi 0903123456 hoặc an.nguyen@gmail.com")
    html = _track(client, case.tracking_code).content.decode()
    assert "0903123456" not in html
    assert "an.nguyen@gmail.com" not in html
    assert "Nguyễn Văn An" not in html
    assert "a***@gmail.com" not in html  # hints are for the reporter only
    client.get(reporter_access.secret_link(case, absolute=False))
    html = _track(client, case.tracking_code).content.decode()
    assert "a***@gmail.com" in html
    assert "09*****456" in html


def test_the_answer_is_shown_only_once_approved(client, officer):
    case = CitizenCaseFactory(status=Status.AWAITING_APPROVAL)
    from civicdesk.answers.models import Answer

    Answer.objects.create(case=case, author=officer, body="Bản nháp chưa duyệt", state=Answer.State.SUBMITTED)
    assert "Bản nháp chưa duyệt" not in _track(client, case.tracking_code).content.decode()
    approve_answer(case, body="Gửi ông Nguyễn Văn An: đã sửa đèn.", public_body="Đã sửa xong ba cột đèn.",
                   author=officer)
    html = _track(client, case.tracking_code).content.decode()
    assert "Đã sửa xong ba cột đèn." in html
    assert "Gửi ông Nguyễn Văn An" not in html


def test_attachments_are_served_from_the_public_copy_without_exif(client, db):
    case = CitizenCaseFactory()
    upload = SimpleUploadedFile("anh.jpg", jpeg_with_gps(), content_type="image/jpeg")
    item = attachments.store(case, attachments.check_upload(upload))
    html = _track(client, case.tracking_code).content.decode()
    url = reverse("petitions:attachment", args=[case.tracking_code, item.pk])
    assert url in html
    response = client.get(url)
    assert response["Content-Type"] == "image/jpeg"
    body = b"".join(response.streaming_content)
    assert has_exif(jpeg_with_gps()) and not has_exif(body)


def test_an_attachment_is_not_served_under_another_cases_code(client, db):
    case, other = CitizenCaseFactory(), CitizenCaseFactory()
    upload = SimpleUploadedFile("anh.jpg", jpeg_with_gps(), content_type="image/jpeg")
    item = attachments.store(case, attachments.check_upload(upload))
    assert client.get(reverse("petitions:attachment", args=[other.tracking_code, item.pk])).status_code == 404


def test_a_rejected_case_shows_the_reason(client, db):
    case = CitizenCaseFactory(status=Status.REJECTED, rejection_reason="Nội dung không thuộc thẩm quyền.")
    assert "Nội dung không thuộc thẩm quyền." in _track(client, case.tracking_code).content.decode()
