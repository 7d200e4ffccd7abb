"""E-mail in: a citizen's mail reaches the city's mailbox over SMTP, civicdesk reads it over IMAP
(both real servers on loopback, tests/inbound/imap_server.py), and the citizen hears back by e-mail
(the real SMTP path, tests/notifications/smtp.py)."""

import smtplib
from email.message import EmailMessage

import pytest
from django.core.management import call_command

from civicdesk.answers import publishing
from civicdesk.inbound import mail
from civicdesk.inbound.models import InboundMessage
from civicdesk.petitions.models import Case, CaseEvent, Channel, EventAction
from civicdesk.workflow import operations
from tests.petitions.factories import SVG_WITH_SCRIPT, jpeg_with_gps

CITIZEN = "tran.binh@example.vn"


def citizen_mail(subject="Ngập nước đường Nguyễn Hữu Cảnh", body="Đường Nguyễn Hữu Cảnh ngập sâu 40 cm sau mưa.",
                 sender=f"Trần Văn Bình <{CITIZEN}>", headers=None, files=()):
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, "phananh@1022.example.vn", subject
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    for name, content, maintype, subtype in files:
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message


def deliver(mailbox, message):
    """The citizen's mail program sends it; the city's MX puts it in the mailbox."""
    with smtplib.SMTP("127.0.0.1", mailbox.smtp_port) as smtp:
        smtp.send_message(message)


def test_imap_a_citizen_writes_and_hears_back_by_email(imap_mailbox, smtp_inbox, routing_rule, operator, officer,
                                                      lead, agency, category, django_capture_on_commit_callbacks):
    photo = jpeg_with_gps()
    deliver(imap_mailbox, citizen_mail(files=[("ngap.jpg", photo, "image", "jpeg")]))
    with django_capture_on_commit_callbacks(execute=True):
        counts = mail.fetch_mail()
    assert (counts.cases, counts.replies, counts.ignored) == (1, 0, 0)
    case = Case.objects.get()
    assert (case.channel, case.reporter_email, case.reporter_name) == (Channel.EMAIL, CITIZEN, "Trần Văn Bình")
    assert case.title == "Ngập nước đường Nguyễn Hữu Cảnh" and "40 cm" in case.content
    assert case.attachments.get().content_type == "image/jpeg"
    assert imap_mailbox.unseen() == []
    [receipt] = smtp_inbox.to(CITIZEN)
    assert case.tracking_code in receipt["subject"]
    assert "có thể trả lời thư này" in receipt["body"]  # the mailbox is read: replies are welcome

    # the citizen answers the receipt: a note on the case, not a new case
    deliver(imap_mailbox, citizen_mail(subject="Re: " + receipt["subject"], body="Bổ sung: nước ngập tới 60 cm."))
    with django_capture_on_commit_callbacks(execute=True):
        counts = mail.fetch_mail()
    assert counts.replies == 1 and Case.objects.count() == 1
    note = CaseEvent.objects.get(case=case, action=EventAction.NOTE)
    assert "Thư của người gửi" in note.note and "60 cm" in note.note and not note.is_public

    # the answer goes back by e-mail
    with django_capture_on_commit_callbacks(execute=True):
        if case.status == "triage":
            operations.decide_triage(case, operator, category=category, agency=agency, priority="normal")
        operations.start(case, officer)
        answer = publishing.write_answer(case, officer, "Đã khơi thông cống thoát nước.", submit=True,
                                         no_evidence_reason="Ảnh gửi sau.")
        publishing.approve(answer, lead)
    answered = smtp_inbox.to(CITIZEN)[-1]
    assert "Đã khơi thông cống thoát nước." in answered["body"]


@pytest.mark.parametrize(("headers", "sender", "reason"), [
    ({"Auto-Submitted": "auto-replied"}, CITIZEN, "auto-reply"),
    ({"X-Autoreply": "yes"}, CITIZEN, "auto-reply"),
    ({"Precedence": "bulk"}, CITIZEN, "bulk"),
    ({"Precedence": "auto_reply"}, CITIZEN, "bulk"),
    ({}, "MAILER-DAEMON@mx.example.vn", "bounce"),
    ({"X-Civicdesk": "notification 12"}, CITIZEN, "loop"),
    ({}, "no-reply@civicdesk.local", "loop"),
])
def test_inbound_mail_auto_replies_bounces_and_loops_are_ignored(imap_mailbox, routing_rule, headers, sender, reason):
    deliver(imap_mailbox, citizen_mail(subject="Vắng mặt: phản ánh ABCD-2345", sender=sender, headers=headers))
    counts = mail.fetch_mail()
    assert counts.ignored == 1 and not Case.objects.exists()
    assert InboundMessage.objects.get().note == reason
    assert imap_mailbox.unseen() == []


def test_inbound_mail_a_delivery_status_notification_is_a_bounce(imap_mailbox, db):
    report = EmailMessage()
    report["From"], report["To"], report["Subject"] = "Mail Delivery System <mailer@mx.example.vn>", "x@y", "Undelivered"
    report.set_content("Delivery to the following recipient failed permanently.")
    report.add_attachment("Reporting-MTA: dns; mx.example.vn\n\nFinal-Recipient: rfc822; a@b\nAction: failed\n"
                          "Status: 5.1.1\n", subtype="plain")
    report.replace_header("Content-Type", 'multipart/report; report-type=delivery-status; boundary="b1"')
    imap_mailbox.append(report.as_bytes())
    assert mail.fetch_mail().ignored == 1
    assert InboundMessage.objects.get().note == "bounce" and not Case.objects.exists()


def test_inbound_mail_read_twice_makes_one_case(imap_mailbox, routing_rule):
    deliver(imap_mailbox, citizen_mail())
    mail.fetch_mail()
    for stored in imap_mailbox.messages:  # as if the poller died before flagging it \Seen
        stored.flags.clear()
    counts = mail.fetch_mail()
    assert counts.seen_before == 1 and Case.objects.count() == 1


def test_inbound_mail_refused_attachments_are_listed(imap_mailbox, routing_rule, settings):
    settings.ATTACHMENT_MAX_BYTES = 50_000
    deliver(imap_mailbox, citizen_mail(files=[
        ("hinh.svg", SVG_WITH_SCRIPT, "image", "svg+xml"),
        ("lon.jpg", jpeg_with_gps() + b"\0" * 60_000, "image", "jpeg"),
        ("anh.jpg", jpeg_with_gps(), "image", "jpeg"),
    ]))
    mail.fetch_mail()
    case = Case.objects.get()
    assert case.attachments.count() == 1
    assert "Tệp đính kèm không nhận được" in case.content and "hinh.svg" in case.content and "lon.jpg" in case.content


def test_inbound_mail_a_reply_to_an_unknown_code_is_a_new_case(imap_mailbox, routing_rule):
    deliver(imap_mailbox, citizen_mail(subject="Re: phản ánh ZZZZ-ZZZZ vẫn chưa xử lý"))
    assert mail.fetch_mail().cases == 1
    assert Case.objects.get().title == "phản ánh ZZZZ-ZZZZ vẫn chưa xử lý"


def test_imap_fetch_mail_command(imap_mailbox, routing_rule, capsys):
    deliver(imap_mailbox, citizen_mail())
    call_command("fetch_mail")
    assert "1" in capsys.readouterr().out and Case.objects.count() == 1


def test_imap_wrong_password_is_a_clear_error(imap_mailbox, settings, db):
    from django.core.management.base import CommandError

    settings.IMAP_PASSWORD = "sai"
    with pytest.raises(CommandError, match="IMAP"):
        call_command("fetch_mail")


def test_imap_off_until_configured(settings, db):
    settings.IMAP_HOST = ""
    assert mail.fetch_mail().cases == 0
