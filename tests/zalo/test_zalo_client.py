"""A demo citizen on Zalo, end to end over real HTTP on loopback: the webhook is posted to a running
civicdesk signed as Zalo signs it, civicdesk answers through the loopback Zalo's OA API; the agency
answers the case and the citizen reads the answer in the same Zalo chat."""

import json
import time
import urllib.request

import pytest

from civicdesk.answers import publishing
from civicdesk.petitions.models import Case, Channel, Status
from civicdesk.workflow import operations
from tests.zalo.conftest import CITIZEN, jpeg
from tests.zalo.fake_zalo import APP_ID, sign


class ZaloPlatform:
    """What Zalo's servers do when the citizen types in the OA's chat: POST the event to the webhook."""

    def __init__(self, webhook_url: str, fake):
        self.webhook_url, self.fake, self.count = webhook_url, fake, 0
        fake.window_open.add(CITIZEN)

    def post(self, name: str, message: dict) -> int:
        self.count += 1
        ts = str(int(time.time() * 1000))
        body = json.dumps({"app_id": APP_ID, "event_name": name, "timestamp": ts, "sender": {"id": CITIZEN},
                           "recipient": {"id": "579745863508352884"},
                           "message": {"msg_id": f"client-{self.count}-{ts}", **message}}, ensure_ascii=False).encode()
        request = urllib.request.Request(self.webhook_url, data=body, method="POST", headers={
            "Content-Type": "application/json", "X-ZEvent-Signature": sign(body, ts)})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status

    def chat(self) -> list[str]:
        return self.fake.texts_to(CITIZEN)


@pytest.mark.django_db(transaction=True)
def test_zalo_citizen_reports_and_hears_back_on_zalo(live_server, fake_zalo, zalo_account, routing_rule, wards,
                                                       operator, officer, lead):
    zalo = ZaloPlatform(f"{live_server.url}/zalo/webhook/", fake_zalo)
    photo = fake_zalo.cdn("ho-ga.jpg", jpeg(800, 600))
    assert zalo.post("user_send_text", {"text": "Nắp hố ga trước số 45 Lê Thánh Tôn bị vỡ, xe máy sụp bánh"}) == 200
    assert "Sự việc ở đâu?" in zalo.chat()[-1]
    zalo.post("user_send_text", {"text": "45 Lê Thánh Tôn, phường Bến Thành"})
    zalo.post("user_send_image", {"attachments": [{"type": "image", "payload": {"url": photo, "thumbnail": photo}}]})
    assert "Đã nhận 1/5 ảnh." in zalo.chat()[-1]
    zalo.post("user_send_text", {"text": "xong"})
    zalo.post("user_send_text", {"text": "bỏ qua"})
    assert "Kiểm tra lại phản ánh" in zalo.chat()[-1]
    zalo.post("user_send_text", {"text": "đồng ý"})

    case = Case.objects.get()
    assert case.channel == Channel.ZALO and case.attachments.count() == 1 and case.ward.code == "26743"
    receipt = zalo.chat()[-1]
    assert f"Mã tra cứu: {case.tracking_code}" in receipt

    zalo.post("user_send_text", {"text": f"tra cứu {case.tracking_code}"})
    assert zalo.chat()[-1].startswith(f"Phản ánh {case.tracking_code}: ")

    # The agency answers; the lead approves; the citizen reads the answer in the chat.
    if case.status == Status.TRIAGE:  # the router was not sure: the hotline operator decides
        operations.decide_triage(case, operator, category=routing_rule.category, agency=routing_rule.agency,
                                 priority="normal")
    case.refresh_from_db()
    operations.start(case, officer)
    answer = publishing.save_draft(case, officer, "Đơn vị đã thay nắp hố ga mới ngày 08/12.",
                                   no_evidence_reason="Ảnh gửi sau.")
    publishing.approve(publishing.submit_for_approval(answer, officer), lead)
    answer_message = zalo.chat()[-1]
    assert f"Phản ánh {case.tracking_code} đã có trả lời:" in answer_message
    assert "Đơn vị đã thay nắp hố ga mới ngày 08/12." in answer_message
    # A reply to each of the five messages, the receipt, the status, the answer: nothing twice.
    assert len(zalo.chat()) == 8 and len(set(zalo.chat())) == 8
