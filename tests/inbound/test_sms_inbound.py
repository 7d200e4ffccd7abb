"""SMS in: the gateway forwards what a citizen texts (eSMS.vn's MO request, signed); it becomes a
case or a status query, and the citizen hears back by SMS — receipt, status and answer — through the
fake gateway on loopback."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from civicdesk.answers import publishing
from civicdesk.inbound import sms
from civicdesk.inbound.models import InboundMessage
from civicdesk.notifications.models import Notification
from civicdesk.petitions.models import Case, Channel, Status
from civicdesk.workflow import operations

URL = reverse("inbound:sms_inbound")
SENDER = "84912345678"
PHONE = "0912345678"


def mo(content, smsid="mo-1", sender=SENDER, at=None, sign=None):
    """The request eSMS makes for one message texted to the city's number."""
    when = (at or timezone.now()).astimezone(sms.VIETNAM).strftime("%Y%m%d%H%M%S")
    return {"smsid": smsid, "sender": sender, "content": content, "serviceNumber": "8079", "keyword": "",
            "cpid": "civicdesk", "receiverTime": when,
            "sign": sign if sign is not None else sms.signature(smsid, sender, content, when)}


REPORT = "Cong thoat nuoc truoc so 12 Ly Tu Trong bi nghet, nuoc tran len duong moi khi mua."


def test_sms_inbound_a_citizen_reports_and_hears_back_by_sms(client, sms_gateway, operator, officer, lead, agency,
                                                              category, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(URL, mo(REPORT))
    assert response.status_code == 200 and response.content == b"case"
    case = Case.objects.get()
    assert (case.channel, case.reporter_phone, case.content) == (Channel.SMS, PHONE, REPORT)
    assert InboundMessage.objects.get().case == case
    [receipt] = sms_gateway.to(PHONE)
    assert case.tracking_code in receipt.content and "Da tiep nhan phan anh" in receipt.content

    # "TT <code>" from the same phone: the status by SMS
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, mo(f"tt {case.tracking_code.lower()}", smsid="mo-2"))
    status_reply = sms_gateway.to(PHONE)[1]
    assert case.tracking_code in status_reply.content and "Cho phan loai" in status_reply.content

    # the city answers: the answer's notice comes by SMS
    with django_capture_on_commit_callbacks(execute=True):
        operations.decide_triage(case, operator, category=category, agency=agency, priority="normal")
        operations.start(case, officer)
        answer = publishing.write_answer(case, officer, "Đã nạo vét cống ngày 5/12.", submit=True,
                                         no_evidence_reason="Ảnh gửi sau.")
        publishing.approve(answer, lead)
    case.refresh_from_db()
    assert case.status == Status.ANSWERED
    answer_sms = sms_gateway.to(PHONE)[-1]
    assert "da co tra loi" in answer_sms.content and f"/tra-cuu/{case.tracking_code}/" in answer_sms.content
    assert set(Notification.objects.filter(case=case).values_list("channel", flat=True)) == {"sms"}
    assert Notification.objects.filter(case=case, state="sent").count() == Notification.objects.filter(case=case).count()


def test_sms_inbound_replayed_request_is_refused(client, sms_gateway, routing_rule, django_capture_on_commit_callbacks):
    request = mo(REPORT)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(URL, request).status_code == 200
        assert client.get(URL, request).status_code == 409
    assert Case.objects.count() == 1 and len(sms_gateway.to(PHONE)) == 1


@pytest.mark.parametrize(("change", "status"), [
    ({"sign": "0" * 64}, 403),
    ({"sign": ""}, 400),
    ({"content": REPORT + " (sua)"}, 403),  # the signature covers the text
])
def test_sms_inbound_unsigned_or_forged_is_refused(client, sms_gateway, db, change, status):
    assert client.get(URL, mo(REPORT) | change).status_code == status
    assert not Case.objects.exists() and not InboundMessage.objects.exists()


def test_sms_inbound_stale_request_is_refused(client, sms_gateway, db):
    old = mo(REPORT, at=timezone.now() - timedelta(minutes=30))
    assert client.get(URL, old).status_code == 403
    assert not Case.objects.exists()


def test_sms_inbound_off_until_connected(client, db):
    assert client.get(URL, mo(REPORT, sign="x")).status_code == 404


def test_sms_inbound_unknown_code_gets_a_reply_and_no_case(client, sms_gateway, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(URL, mo("TT ABCD-2345")).content == b"status"
    assert not Case.objects.exists()
    [reply] = sms_gateway.to(PHONE)
    assert reply.content == "Khong tim thay phan anh co ma ABCD-2345. Vui long kiem tra lai ma tra cuu."


def test_sms_inbound_too_short_gets_the_help_text(client, sms_gateway, db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(URL, mo("alo")).content == b"ignored"
    assert not Case.objects.exists()
    assert "Tra cuu: TT" in sms_gateway.to(PHONE)[0].content


def test_sms_inbound_status_query_from_another_phone_shows_the_public_title(client, sms_gateway, case,
                                                                            django_capture_on_commit_callbacks):
    case.title = "Hàng xóm Nguyễn Văn An 0903123456 xả rác"
    case.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.get(URL, mo(f"status {case.tracking_code}", sender="84987654321"))
    [reply] = sms_gateway.to("0987654321")
    assert "0903123456" not in reply.content and case.tracking_code in reply.content
    assert "/nguoi-gui/" not in reply.content  # the public page, not the reporter's own link
