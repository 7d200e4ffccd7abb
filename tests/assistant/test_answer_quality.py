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
    vague_no_law = ("Phường đã ghi nhận phản ánh về quán lấn chiếm vỉa hè và sẽ xem xét, có biện pháp phù hợp "
                    "trong thời gian tới để bảo đảm trật tự đô thị trên địa bàn theo đúng quy định hiện hành.")
    assert [w for w in check_answer(vague_no_law) if "căn cứ pháp lý" in w]


def test_a_concrete_answer_without_a_citation_is_not_flagged_for_its_legal_basis():
    # What was done and when: the citizen needs no article of law to believe a filled pothole.
    no_law = GOOD.replace("Căn cứ Điều 12 Nghị định 100/2019/NĐ-CP, chủ", "Chủ")
    assert check_answer(no_law) == []
    pothole = ("Ngày 05/6/2026, Khu Quản lý giao thông đô thị số 1 đã kiểm tra và trám vá ổ gà trước số 120 "
               "đường Nguyễn Trãi, đặt biển cảnh báo trong lúc thi công. Đơn vị sẽ kiểm tra lại mặt đường "
               "trước ngày 20/6/2026.")
    assert check_answer(pothole) == []


def test_unfilled_template_placeholders_fail_the_check():
    template = ("Kính gửi Ông/Bà,\nSở Xây dựng đã nhận phản ánh “Ổ gà trên đường Nguyễn Trãi” (mã HJKM-2345, ngày "
                "03/6/2026). Sau khi kiểm tra, Sở Xây dựng trả lời như sau:\n1. Kết quả kiểm tra, xử lý: [ghi rõ "
                "việc đã làm, ai làm, ngày thực hiện].\n2. Việc sẽ làm tiếp và thời hạn hoàn thành: [ngày …/…/…]."
                "\n3. Căn cứ pháp lý: Nghị định 100/2019/NĐ-CP [1].\nTrân trọng.")
    warnings = check_answer(template)
    blanks = [w for w in warnings if "chưa điền" in w]
    assert blanks and "[ghi rõ việc đã làm, ai làm, ngày thực hiện]" in blanks[0]
    assert "[ngày …/…/…]" in blanks[0] and "[1]" not in blanks[0]  # a citation number is no blank
    filled = template.replace("[ghi rõ việc đã làm, ai làm, ngày thực hiện]",
                              "ngày 05/6/2026 Khu Quản lý giao thông đô thị số 1 đã trám vá ổ gà").replace(
        "[ngày …/…/…]", "kiểm tra lại trước ngày 20/6/2026")
    assert check_answer(filled) == []


def test_the_check_endpoint_is_for_staff(client, officer, citizen):
    url = reverse("assistant:check_answer")
    assert client.post(url, {"body": GOOD}).status_code == 403
    client.force_login(citizen)
    assert client.post(url, {"body": GOOD}).status_code == 403
    client.force_login(officer)
    vague = client.post(url, {"body": "Đã ghi nhận."}).content.decode()
    assert "căn cứ pháp lý" in vague
    assert "answer-ok" in client.post(url, {"body": GOOD}).content.decode()


def test_a_template_with_only_blanks_gets_the_action_and_time_warnings_too():
    # The words inside the blanks ("kiểm tra", "ngày") are not taken for an action or a date.
    bare = ("Kính gửi Ông/Bà, đơn vị thông báo về phản ánh của Ông/Bà như sau. Kết quả: [ghi rõ việc đã làm, ai làm, "
            "ngày thực hiện]. Thời hạn hoàn thành: [ngày …/…/…]. Căn cứ pháp lý: [văn bản, điều khoản áp dụng]. "
            "Trân trọng cảm ơn Ông/Bà đã quan tâm đóng góp ý kiến.")
    text = " ".join(check_answer(bare))
    assert "chưa điền" in text and "việc làm cụ thể" in text and "thời gian" in text
