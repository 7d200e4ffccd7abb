"""Answers with proof: an answer that says work was done carries a photo of the result, or the
officer says why there is none — refused at submit and at approval otherwise; the public page shows
the photo's EXIF-free copy. Run alone with `-k evidence`."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from civicdesk.answers import evidence, publishing
from civicdesk.answers.models import Answer
from civicdesk.answers.publishing import PublishingError
from civicdesk.petitions.models import EventAction, Status
from tests.petitions.factories import CitizenCaseFactory, has_exif, jpeg_with_gps

DONE = "Đơn vị đã thay mới bóng đèn chiếu sáng trước nhà số 12 ngày 05/12."


@pytest.fixture
def working_case(category, agency):
    return CitizenCaseFactory(category=category, agency=agency, status=Status.IN_PROGRESS)


def _photo(name="ket-qua.jpg"):
    return SimpleUploadedFile(name, jpeg_with_gps(), content_type="image/jpeg")


@pytest.mark.parametrize(("text", "done"), [
    (DONE, True),
    ("Rác tồn đọng đã được thu gom sạch trong sáng nay.", True),
    ("Ổ gà trên đường đã được trám vá.", True),
    ("Đơn vị đã tiếp nhận và sẽ kiểm tra trong tuần tới.", False),
    ("Nội dung này thuộc thẩm quyền của Sở Giao thông, đã chuyển đến Sở.", False),
])
def test_evidence_is_asked_of_answers_that_say_work_was_done(text, done):
    assert evidence.claims_work_done(text) is done


def test_evidence_missing_refuses_the_submit(working_case, officer):
    draft = publishing.save_draft(working_case, officer, DONE)
    with pytest.raises(PublishingError, match="ảnh minh chứng"):
        publishing.submit_for_approval(draft, officer)
    working_case.refresh_from_db()
    assert working_case.status == Status.IN_PROGRESS
    assert Answer.objects.get(pk=draft.pk).state == Answer.State.DRAFT


def test_evidence_tick_without_the_words_still_needs_proof(working_case, officer):
    draft = publishing.save_draft(working_case, officer, "Xin thông tin kết quả tới ông/bà.", work_done=True)
    with pytest.raises(PublishingError):
        publishing.submit_for_approval(draft, officer)


def test_evidence_reason_lets_the_answer_through_and_is_shown(client, working_case, officer, lead):
    draft = publishing.save_draft(working_case, officer, DONE,
                                  no_evidence_reason="Sửa chữa ban đêm, ảnh chụp không rõ.")
    publishing.approve(publishing.submit_for_approval(draft, officer), lead)
    html = client.get(reverse("petitions:public_detail", args=[working_case.tracking_code])).content.decode()
    assert 'id="no-evidence-reason"' in html and "Sửa chữa ban đêm" in html
    event = working_case.events.get(action=EventAction.ANSWER_APPROVED)
    assert event.data["no_evidence_reason"] is True and event.data["evidence_photos"] == 0


def test_evidence_photo_is_shown_on_the_public_page_without_exif(client, working_case, officer, lead):
    draft = publishing.save_draft(working_case, officer, DONE)
    publishing.attach_files(draft, [_photo()], officer)
    publishing.approve(publishing.submit_for_approval(draft, officer), lead)
    [photo] = evidence.evidence_photos(draft)
    url = reverse("answers:public_answer_attachment", args=[photo.pk])
    for page in ("petitions:public_detail", "petitions:track"):
        html = client.get(reverse(page, args=[working_case.tracking_code])).content.decode()
        assert 'id="answer-evidence"' in html and f'src="{url}"' in html
    served = b"".join(client.get(url).streaming_content)
    assert served[:2] == b"\xff\xd8" and not has_exif(served)
    assert has_exif(photo.file.read())  # the original keeps its metadata, for staff only


def test_evidence_is_checked_again_at_approval(working_case, officer, lead):
    draft = publishing.save_draft(working_case, officer, DONE, no_evidence_reason="Ảnh gửi sau.")
    submitted = publishing.submit_for_approval(draft, officer)
    Answer.objects.filter(pk=submitted.pk).update(no_evidence_reason="")  # changed behind the officer's back
    with pytest.raises(PublishingError):
        publishing.approve(submitted, lead)
    working_case.refresh_from_db()
    assert working_case.status == Status.AWAITING_APPROVAL and not working_case.is_public


def test_evidence_fields_on_the_agency_page_post_with_the_draft(client, working_case, officer):
    client.force_login(officer)
    page = client.get(reverse("answers:case", args=[working_case.tracking_code])).content.decode()
    assert 'id="evidence-fields"' in page
    response = client.post(reverse("answers:draft", args=[working_case.tracking_code]),
                           {"body": DONE, "submit": "1"}, follow=True)
    assert "ảnh minh chứng" in response.content.decode()
    working_case.refresh_from_db()
    assert working_case.status == Status.IN_PROGRESS
    client.post(reverse("answers:draft", args=[working_case.tracking_code]),
                {"body": DONE, "submit": "1", "files": _photo()})
    working_case.refresh_from_db()
    assert working_case.status == Status.AWAITING_APPROVAL
