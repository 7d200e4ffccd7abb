import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from civicdesk.answers import templating
from tests.answers.factories import AnswerTemplateFactory
from tests.factories import CategoryFactory


def test_placeholders_are_filled_from_the_case(case):
    case.created_at = datetime(2026, 3, 2, 23, 30, tzinfo=ZoneInfo("UTC"))  # 3 March in Ho Chi Minh City
    body = "Kính gửi {ten_nguoi_gui}. Phản ánh {ma_tra_cuu} “{tieu_de}” nhận ngày {ngay_tiep_nhan}, {don_vi} trả lời."
    filled = templating.fill(body, case)
    assert filled == (f"Kính gửi Nguyễn Văn An. Phản ánh {case.tracking_code} “{case.title}” nhận ngày "
                      f"03/03/2026, Sở Xây dựng trả lời.")


def test_unknown_or_odd_placeholders_are_left_as_written(case):
    assert templating.fill("{khong_ro} {0} {ma_tra_cuu.__class__}", case) == "{khong_ro} {0} {ma_tra_cuu.__class__}"
    assert templating.safe_fill("Thiếu ngoặc {ma_tra_cuu", case) == "Thiếu ngoặc {ma_tra_cuu"


def test_a_case_is_offered_its_categorys_templates_first_then_the_general_ones(case):
    general = AnswerTemplateFactory(title="Chung", sort_order=0)
    own = AnswerTemplateFactory(title="Riêng", category=case.category, sort_order=5)
    AnswerTemplateFactory(title="Lĩnh vực khác", category=CategoryFactory())
    AnswerTemplateFactory(title="Ngừng dùng", is_active=False)
    offered = list(templating.templates_for(case))
    assert offered.index(own) < offered.index(general)
    assert {t.title for t in offered} >= {"Chung", "Riêng"}
    assert not {"Lĩnh vực khác", "Ngừng dùng"} & {t.title for t in offered}


def test_the_case_page_offers_filled_templates_to_the_officer(client_for, officer, operator, case):
    AnswerTemplateFactory(title="Đã khắc phục", category=case.category, body="Gửi {ten_nguoi_gui} ({ma_tra_cuu})")
    html = client_for(officer).get(reverse("answers:case", args=[case.tracking_code])).content.decode()
    data = json.loads(re.search(r'<script id="answer-templates" type="application/json">(.*?)</script>',
                                html, re.S).group(1))
    assert {"title": "Đã khắc phục", "body": f"Gửi Nguyễn Văn An ({case.tracking_code})"}.items() <= next(
        t for t in data if t["title"] == "Đã khắc phục").items()
    page_for_operator = client_for(operator).get(reverse("answers:case", args=[case.tracking_code]))
    assert b"answer-templates" not in page_for_operator.content
