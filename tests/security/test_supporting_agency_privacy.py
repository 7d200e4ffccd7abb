"""A supporting agency (phối hợp, `workflow.SupportRequest`) reads the case it helps with, but not the
reporter's personal data: the lead agency's officers, operators and supervisors do. Case pages, the
staff API, the inbox search, original files, answers, the timeline and the mail that asks the
supporting agency for help are checked through the real views; a denunciation's sender stays secret
from the supporting agency as from everyone not named on it."""

import pytest
from django.core import mail
from django.core.files.base import ContentFile

from civicdesk.answers.models import Answer
from civicdesk.api.models import StaffApiToken
from civicdesk.notifications.models import Notification
from civicdesk.notifications.tasks import send_notification
from civicdesk.petitions import events
from civicdesk.petitions.models import Attachment, EventAction, LegalKind, Status
from civicdesk.workflow import operations
from tests.answers.factories import AnswerFactory, png_bytes
from tests.factories import CaseFactory

NAME, PHONE, EMAIL = "Nguyễn Văn An", "0903123456", "an.nguyen@example.vn"
TITLE = f"Ông {NAME} báo cống vỡ, gọi {PHONE}"
CONTENT = f"Tôi là {NAME}, nhà ở ngõ 5. Cống vỡ trước nhà, xin gọi {PHONE} hoặc thư {EMAIL}."
REPLY = f"Thư của người gửi: bổ sung\n\nCòn một cống nữa. {NAME}, ĐT {PHONE}"
PERSONAL = (NAME, PHONE, EMAIL, "an.nguyen")


@pytest.fixture
def supported(category, agency, other_agency, operator, lead, other_lead):
    """A case led by `agency`, that `other_agency` supports, with a reporter's file, an e-mailed
    reply on the timeline and an approved answer addressed to the reporter by name."""
    case = CaseFactory(category=category, agency=agency, status=Status.IN_PROGRESS, title=TITLE, content=CONTENT,
                       reporter_name=NAME, reporter_phone=PHONE, reporter_email=EMAIL)
    operations.coordinate(case, operator, supporting=[other_agency], note="Cần phường hỗ trợ")
    events.record(case, EventAction.NOTE, None, REPLY, is_public=False)
    item = Attachment(case=case, original_name=f"cccd-{NAME}.png", stored_name=f"{case.pk}.png",
                      content_type="image/png", size=10, sha256="0" * 64)
    item.file.save(item.stored_name, ContentFile(png_bytes()), save=False)
    item.public_file.save(item.stored_name, ContentFile(png_bytes()), save=False)
    item.save()
    case.refresh_from_db()
    return case


def _leaks(text: str) -> list[str]:
    return [value for value in PERSONAL if value in text]


@pytest.mark.parametrize("path", ["/xu-ly/ho-so/{code}/", "/quy-trinh/ho-so/{code}/", "/xu-ly/ho-so/{code}/lich-su/"])
def test_supporting_officer_pages_show_no_personal_data(client, supported, other_officer, path):
    client.force_login(other_officer)
    response = client.get(path.format(code=supported.tracking_code))
    assert response.status_code == 200
    page = response.content.decode()
    assert _leaks(page) == []
    if "lich-su" in path:
        assert "Còn một cống nữa" in page  # the reporter's reply, masked
    else:
        assert "Cống vỡ trước nhà" in page  # the case itself is readable
        assert 'id="reporter-identity-masked"' in page


@pytest.mark.parametrize("who", ["officer", "lead", "operator", "supervisor"])
def test_those_who_handle_the_case_still_read_the_reporter(client, supported, who, request):
    client.force_login(request.getfixturevalue(who))
    page = client.get(f"/quy-trinh/ho-so/{supported.tracking_code}/").content.decode()
    assert PHONE in page and EMAIL in page and NAME in page


def test_lead_agency_page_lists_original_and_the_supporting_one_the_exif_free_copy(client, supported, officer,
                                                                                    other_officer):
    item = supported.attachments.get()
    client.force_login(officer)
    assert client.get(f"/xu-ly/ho-so/{supported.tracking_code}/tep/{item.pk}/").status_code == 200
    client.force_login(other_officer)
    page = client.get(f"/xu-ly/ho-so/{supported.tracking_code}/").content.decode()
    assert f"/tep/{item.pk}/" not in page and 'id="public-copies"' in page
    assert client.get(f"/xu-ly/ho-so/{supported.tracking_code}/tep/{item.pk}/").status_code == 404
    assert client.get(f"/xu-ly/tep-cong-khai/{item.pk}/").status_code == 200


def test_supporting_agency_reads_the_answer_as_published(client, supported, officer, lead, other_officer):
    AnswerFactory(case=supported, author=officer, body=f"Kính gửi ông {NAME}, số {PHONE}: đã sửa cống.",
                  public_body="Kính gửi ông ***: đã sửa cống.", state=Answer.State.APPROVED, approved_by=lead)
    client.force_login(other_officer)
    page = client.get(f"/xu-ly/ho-so/{supported.tracking_code}/").content.decode()
    assert "đã sửa cống" in page and _leaks(page) == []
    client.force_login(officer)
    assert PHONE in client.get(f"/xu-ly/ho-so/{supported.tracking_code}/").content.decode()


def test_staff_api_masks_the_reporter_for_the_supporting_agency(client, supported, officer, other_officer):
    _row, raw = StaffApiToken.issue(other_officer, "thử")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    detail = client.get(f"/api/v1/staff/cases/{supported.tracking_code}", **headers)
    assert detail.status_code == 200
    body = detail.json()
    assert body["reporter_name"] == body["reporter_phone"] == body["reporter_email"] == ""
    assert _leaks(detail.content.decode()) == []
    listing = client.get("/api/v1/staff/cases", **headers)
    assert supported.tracking_code in listing.content.decode() and _leaks(listing.content.decode()) == []
    _row, raw = StaffApiToken.issue(officer, "thử")
    assert client.get(f"/api/v1/staff/cases/{supported.tracking_code}",
                      HTTP_AUTHORIZATION=f"Bearer {raw}").json()["reporter_phone"] == PHONE


def test_inbox_search_cannot_confirm_a_reporter_of_a_supported_case(client, supported, officer, other_officer):
    client.force_login(other_officer)
    found = client.get("/xu-ly/?tab=support").content.decode()
    assert supported.tracking_code in found and _leaks(found) == []
    for query in (PHONE, "Văn An", EMAIL):
        page = client.get("/xu-ly/", {"tab": "support", "q": query}).content.decode()
        assert supported.tracking_code not in page, query
    assert supported.tracking_code in client.get("/xu-ly/", {"tab": "support", "q": "Cống vỡ"}).content.decode()
    client.force_login(officer)
    assert supported.tracking_code in client.get("/xu-ly/", {"tab": "in_progress", "q": PHONE}).content.decode()


def test_the_mail_asking_for_support_carries_no_personal_data(settings, supported, other_lead, lead):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    mail.outbox.clear()
    request_mail = Notification.objects.get(case=supported, recipient=other_lead.email, to_staff=True)
    send_notification.apply(args=[request_mail.pk])
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert supported.tracking_code in message.body and _leaks(message.subject + message.body) == []


@pytest.fixture
def denunciation(supported):
    supported.legal_kind = LegalKind.DENUNCIATION
    supported.save()
    return supported


def test_a_denouncer_stays_secret_from_the_supporting_agency(client, denunciation, other_officer, other_lead):
    for user in (other_officer, other_lead):
        client.force_login(user)
        for path in ("/xu-ly/ho-so/{code}/", "/quy-trinh/ho-so/{code}/", "/xu-ly/ho-so/{code}/lich-su/"):
            page = client.get(path.format(code=denunciation.tracking_code)).content.decode()
            assert _leaks(page) == [], path
    assert denunciation.identity_reads.count() == 0
