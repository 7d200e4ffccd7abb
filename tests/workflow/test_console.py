"""The hotline console: the caller's earlier cases, recording a call, notes, likely duplicates."""

from civicdesk.petitions.models import Case, CaseEvent, Channel, EventAction, Status
from civicdesk.workflow.console import cases_of_caller, normalise_phone
from tests.factories import CaseFactory, WardFactory


def test_phone_numbers_are_compared_by_subscriber_number(case):
    case.reporter_phone = "0903 123 456"
    case.save()
    assert normalise_phone("+84 903-123-456") == "0903123456"
    assert cases_of_caller("+84903123456") == [case]
    assert cases_of_caller("0903123457") == []


def test_the_console_is_the_operators_home(client, operator):
    client.force_login(operator)
    response = client.get("/tai-khoan/", follow=True)
    assert response.redirect_chain[-1][0] == "/quy-trinh/tong-dai/"
    assert 'autofocus' in response.content.decode()


def test_it_rejects_officers_and_anonymous(client, officer):
    assert client.get("/quy-trinh/tong-dai/").status_code == 302
    client.force_login(officer)
    assert client.get("/quy-trinh/tong-dai/").status_code == 403


def test_typing_the_number_shows_earlier_cases(client, operator, case):
    client.force_login(operator)
    response = client.get("/quy-trinh/tong-dai/nguoi-goi/", {"reporter_phone": "0903123456"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert case.tracking_code in html and "<html" not in html


def test_recording_a_call_creates_a_hotline_case(client, operator, routing_rule):
    client.force_login(operator)
    response = client.post("/quy-trinh/tong-dai/", {
        "reporter_phone": "0912 345 678", "reporter_name": "Lê Văn Cường", "kind": "report", "priority": "normal",
        "title": "Cây xanh gãy đổ chắn đường", "content": "Cây gãy sau mưa, chắn nửa đường Nguyễn Huệ.",
        "category": routing_rule.category.pk, "call_id": "call-abc"})
    case = Case.objects.get(title="Cây xanh gãy đổ chắn đường")
    assert response.url == f"/quy-trinh/tong-dai/da-ghi/{case.tracking_code}/"
    assert case.channel == Channel.HOTLINE and case.reporter_phone == "0912345678"
    assert case.status == Status.ASSIGNED and case.agency == routing_rule.agency
    assert CaseEvent.objects.get(case=case, action=EventAction.CREATED).actor == operator
    page = client.get(response.url).content.decode()
    assert f'id="tracking-code">{case.tracking_code}<' in page


def test_submitting_the_same_call_twice_stores_one_case(client, operator, routing_rule):
    client.force_login(operator)
    data = {"reporter_phone": "0912345678", "kind": "report", "priority": "normal", "title": "Ngập",
            "content": "Ngập sâu.", "call_id": "call-twice"}
    client.post("/quy-trinh/tong-dai/", data)
    client.post("/quy-trinh/tong-dai/", data)
    assert Case.objects.filter(title="Ngập").count() == 1


def test_a_further_call_is_added_as_a_note(client, operator, case):
    client.force_login(operator)
    client.post(f"/quy-trinh/ho-so/{case.tracking_code}/note/", {"text": "Người dân gọi lại: vẫn còn ngập",
                                                                 "next": "/quy-trinh/tong-dai/?phone=0903123456"})
    note = CaseEvent.objects.get(case=case, action=EventAction.NOTE)
    assert note.note == "Người dân gọi lại: vẫn còn ngập" and not note.is_public and note.actor == operator


def test_likely_duplicates_fall_back_to_the_same_ward_and_category(client, operator, category, agency):
    ward = WardFactory()
    nearby = CaseFactory(category=category, agency=agency, ward=ward, title="Cống tràn ở hẻm 12")
    CaseFactory(category=category, agency=agency, title="Ở phường khác")
    client.force_login(operator)
    html = client.get("/quy-trinh/tong-dai/trung-lap/", {"ward": ward.pk, "category": category.pk,
                                                         "title": "", "content": ""}).content.decode()
    assert nearby.tracking_code in html and "Ở phường khác" not in html


def test_the_code_is_spelled_for_reading_aloud(client, operator, case):
    case.tracking_code = "K7QD-M3XA"
    case.save()
    client.force_login(operator)
    html = client.get("/quy-trinh/tong-dai/da-ghi/K7QD-M3XA/").content.decode()
    assert "K · bảy · Q · D · M · ba · X · A" in html


def test_likely_duplicates_of_what_the_caller_describes(client, operator, category, agency):
    ward = WardFactory()
    same = CaseFactory(category=category, agency=agency, ward=ward, status=Status.IN_PROGRESS,
                       title="Nắp cống bị mất trước chợ Bến Thành",
                       content="Nắp cống trước cổng chợ Bến Thành bị mất, xe máy dễ sụp bánh ban đêm.")
    client.force_login(operator)
    html = client.get("/quy-trinh/tong-dai/trung-lap/", {
        "ward": ward.pk, "title": "Mất nắp cống trước chợ Bến Thành",
        "content": "Cổng chợ Bến Thành có nắp cống bị mất, rất nguy hiểm cho xe máy."}).content.decode()
    assert same.tracking_code in html
    assert "độ giống" in html  # found by the router's similarity search, with its score
