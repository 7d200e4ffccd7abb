"""The reporter hears back on the channel they used (Zalo → Zalo, SMS/hotline → SMS, e-mail → e-mail,
web → what they chose), falling back in a fixed order over the channels the city connected and the
addresses the case has; one Notification row per message; the pages say the real channel."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from civicdesk.notifications import dispatch
from civicdesk.notifications.channels import CHANNELS
from civicdesk.notifications.models import Notification
from civicdesk.petitions.forms import new_form_token
from civicdesk.petitions.models import Case, Channel
from civicdesk.petitions.retention import erase_expired_personal_data
from tests.factories import CaseFactory


@pytest.fixture
def connected(monkeypatch):
    """Connects the named channels as a city would (is_configured() true); what they send is
    recorded. The SMS and Zalo adapters are tested against their loopback providers elsewhere; here
    only the choice of channel matters."""
    sent = []

    def connect(*names):
        for name in names:
            monkeypatch.setitem(CHANNELS, name, SimpleNamespace(
                send=lambda n, name=name: sent.append((name, n.recipient, n.event)), is_configured=lambda: True))
        return sent
    return connect


ALL = {"reporter_email": "an@example.vn", "reporter_phone": "0912345678", "reporter_zalo_id": "84912345678001"}


@pytest.mark.parametrize(("channel", "reply_channel", "has", "expected"), [
    (Channel.ZALO, "", ALL, ("zalo", "84912345678001")),
    (Channel.ZALO, "", {"reporter_phone": "0912345678", "reporter_email": "an@example.vn"}, ("sms", "0912345678")),
    (Channel.SMS, "", ALL, ("sms", "0912345678")),
    (Channel.HOTLINE, "", ALL, ("sms", "0912345678")),
    (Channel.HOTLINE, "", {"reporter_email": "an@example.vn", "reporter_zalo_id": "1"}, ("email", "an@example.vn")),
    (Channel.EMAIL, "", ALL, ("email", "an@example.vn")),
    (Channel.EMAIL, "", {"reporter_zalo_id": "77"}, ("zalo", "77")),
    (Channel.WEB, "", ALL, ("email", "an@example.vn")),
    (Channel.WEB, "sms", ALL, ("sms", "0912345678")),
    (Channel.APP, "zalo", ALL, ("zalo", "84912345678001")),
    (Channel.API, "sms", {"reporter_email": "an@example.vn"}, ("email", "an@example.vn")),
    (Channel.OPEN311, "", {"reporter_phone": "0912345678"}, ("sms", "0912345678")),
    (Channel.WEB, "", {}, None),
])
def test_reply_channel_follows_the_channel_used(connected, channel, reply_channel, has, expected):
    connected("sms", "zalo")
    case = Case(channel=channel, reply_channel=reply_channel, **has)
    assert dispatch.reply_route(case) == expected


def test_reply_channel_skips_channels_the_city_has_not_connected(db):
    # Only e-mail is connected by default: a hotline caller with a phone and an e-mail hears back by e-mail,
    # one with a phone only is not told anything (and the pages say so).
    assert dispatch.reply_route(Case(channel=Channel.HOTLINE, **ALL)) == ("email", "an@example.vn")
    assert dispatch.reply_route(Case(channel=Channel.HOTLINE, reporter_phone="0912345678")) is None
    assert dispatch.form_reply_channels() == ("email",)


def test_reply_channel_one_notification_row_on_the_chosen_channel(connected, category, agency,
                                                                  django_capture_on_commit_callbacks):
    sent = connected("sms")
    case = CaseFactory(category=category, agency=agency, channel=Channel.HOTLINE, reporter_phone="0912345678",
                       reporter_email="an@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = dispatch.notify_reporter(case, "received")
        again = dispatch.notify_reporter(case, "received")
    assert again == [notification]
    notification.refresh_from_db()
    assert (notification.channel, notification.recipient, notification.state) == ("sms", "0912345678", "sent")
    assert sent == [("sms", "0912345678", "received")]
    assert Notification.objects.filter(case=case).count() == 1


@pytest.fixture
def web_form(routing_rule, category):
    return {"kind": "report", "title": "Rác tồn đọng trên vỉa hè", "category": str(category.pk),
            "content": "Rác để trên vỉa hè trước số 40 Lý Tự Trọng ba ngày không ai thu gom.",
            "address_text": "40 Lý Tự Trọng", "reporter_type": "person", "reporter_name": "Phạm Văn Dũng",
            "reporter_phone": "0912 345 678", "reporter_email": "dung@example.vn", "consent": "on",
            "token": new_form_token()}


def test_reply_channel_not_offered_with_email_alone(client, web_form):
    page = client.get(reverse("petitions:submit")).content.decode()
    assert 'name="reply_channel"' not in page
    client.post(reverse("petitions:submit"), web_form)
    case = Case.objects.get()
    assert case.reply_channel == ""
    receipt = client.get(reverse("petitions:submitted")).content.decode()
    assert "qua thư điện tử d***@example.vn" in receipt


def test_reply_channel_chosen_on_the_web_form(client, web_form, connected):
    connected("sms")
    page = client.get(reverse("petitions:submit")).content.decode()
    assert 'name="reply_channel" value="sms"' in page
    refused = client.post(reverse("petitions:submit"), {**web_form, "reply_channel": "sms", "reporter_phone": ""})
    assert refused.status_code == 200 and not Case.objects.exists()
    assert "Bạn chọn nhận kết quả qua tin nhắn SMS: vui lòng nhập số điện thoại." in refused.content.decode()
    client.post(reverse("petitions:submit"), {**web_form, "reply_channel": "sms"})
    case = Case.objects.get()
    assert (case.channel, case.reply_channel) == ("web", "sms")
    receipt = client.get(reverse("petitions:submitted")).content.decode()
    assert "qua tin nhắn SMS đến số 09*****678" in receipt
    assert Notification.objects.get(case=case).channel == "sms"


def test_reply_channel_refuses_an_unknown_choice(client, web_form, connected):
    connected("sms")
    response = client.post(reverse("petitions:submit"), {**web_form, "reply_channel": "fax"})
    assert response.status_code == 200 and not Case.objects.exists()


def test_reply_channel_the_hotline_console_says_how_the_caller_hears_back(client, operator, routing_rule, connected):
    call = {"reporter_phone": "0912 345 678", "reporter_name": "Lê Văn Cường", "kind": "report",
            "priority": "normal", "title": "Cống thoát nước bị nghẹt", "category": routing_rule.category.pk,
            "content": "Cống trước chợ Bến Thành nghẹt, nước tràn lên đường.", "call_id": "call-1"}
    client.force_login(operator)
    done = client.get(client.post("/quy-trinh/tong-dai/", call).url).content.decode()
    assert "Không có kênh nào gửi được kết quả cho người gọi" in done  # SMS is not connected: no promise
    connected("sms")
    done = client.get(client.post("/quy-trinh/tong-dai/", {**call, "call_id": "call-2"}).url).content.decode()
    assert "qua tin nhắn SMS đến số 09*****678" in done


def test_reply_channel_the_tracking_page_names_the_channel(client, category, agency, connected):
    connected("zalo")
    case = CaseFactory(category=category, agency=agency, channel=Channel.ZALO, reporter_zalo_id="5512",
                       reporter_email="")
    from civicdesk.petitions import reporter_access

    page = client.get(reporter_access.secret_link(case, absolute=False), follow=True).content.decode()
    assert "Thông báo và câu trả lời được gửi qua Zalo." in page


def test_reply_channel_zalo_id_is_erased_with_the_other_personal_data(category, agency):
    from datetime import timedelta

    from django.utils import timezone

    ended = timezone.now() - timedelta(days=6 * 366)
    case = CaseFactory(category=category, agency=agency, channel=Channel.ZALO, reporter_zalo_id="5512",
                       status="closed", closed_at=ended)
    erase_expired_personal_data(now=timezone.now(), years=5)
    case.refresh_from_db()
    assert case.reporter_zalo_id == "" and case.personal_data_erased_at is not None
