from django.urls import reverse

from civicdesk.assistant.answer_quality import check_answer

GOOD = ("Ngày 12/3/2026, Đội trật tự đô thị phường Bến Thành đã kiểm tra, lập biên bản và yêu cầu chủ quán tháo dỡ "
        "mái che lấn chiếm vỉa hè. Căn cứ Điều 12 Nghị định 100/2019/NĐ-CP, chủ quán bị xử phạt. Phường sẽ kiểm tra "
        "lại trong 30 ngày.")


def test_a_concrete_answer_gets_no_warning():
    assert check_answer(GOOD) == []


def test_a_vague_answer_gets_every_warning():
    warnings = check_answer("Chúng tôi đã ghi nhận ý kiến và sẽ xem xét.")
    text = " ".join(warnings)
    assert len(warnings) == 4
    assert "việc làm cụ thể" in text and "thời gian" in text and "căn cứ pháp lý" in text


def test_each_missing_element_is_named():
    no_date = GOOD.replace("Ngày 12/3/2026, ", "").replace(" trong 30 ngày", "")
    assert [w for w in check_answer(no_date) if "thời gian" in w]
    no_law = GOOD.replace("Căn cứ Điều 12 Nghị định 100/2019/NĐ-CP, chủ", "Chủ")
    assert [w for w in check_answer(no_law) if "căn cứ pháp lý" in w]
    assert len(check_answer(no_law)) == 1


def test_the_check_endpoint_is_for_staff(client, officer, citizen):
    url = reverse("assistant:check_answer")
    assert client.post(url, {"body": GOOD}).status_code == 403
    client.force_login(citizen)
    assert client.post(url, {"body": GOOD}).status_code == 403
    client.force_login(officer)
    vague = client.post(url, {"body": "Đã ghi nhận."}).content.decode()
    assert "căn cứ pháp lý" in vague
    assert "answer-ok" in client.post(url, {"body": GOOD}).content.decode()
