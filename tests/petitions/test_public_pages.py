"""Published answers: only public cases, searchable with or without diacritics, personal data never shown."""

import datetime

from django.urls import reverse
from django.utils import timezone

from civicdesk.petitions.models import Status
from tests.factories import CategoryFactory, WardFactory
from tests.petitions.factories import CitizenCaseFactory, PublishedCaseFactory, approve_answer

LIST = reverse("petitions:public_list")


def _detail(client, case):
    return client.get(reverse("petitions:public_detail", args=[case.tracking_code]))


def test_the_list_shows_only_published_cases(client, db):
    published = PublishedCaseFactory(title="Rác tồn đọng ở chợ Bến Thành")
    hidden = CitizenCaseFactory(title="Chưa công khai: nhà hàng xóm xây lấn", is_public=False)
    html = client.get(LIST).content.decode()
    assert published.title in html
    assert hidden.title not in html
    assert _detail(client, hidden).status_code == 404


def test_search_finds_words_with_or_without_diacritics(client, db):
    flooded = PublishedCaseFactory(title="Ngập nước sau mưa trên đường Nguyễn Hữu Cảnh")
    PublishedCaseFactory(title="Đèn tín hiệu giao thông hỏng", content="Đèn đỏ không sáng.")
    for query in ("ngap nuoc", "NGẬP NƯỚC", "ngập", "nguyen huu canh", "Đường"):
        page = client.get(LIST, {"q": query}).context["page"]
        assert [c.pk for c in page.object_list] == [flooded.pk], query


def test_search_looks_into_the_content_too(client, db):
    case = PublishedCaseFactory(title="Đèn tín hiệu", content="Cột đèn ở ngã tư Hàng Xanh bị đổ nghiêng.")
    assert [c.pk for c in client.get(LIST, {"q": "hang xanh do nghieng"}).context["page"]] == [case.pk]
    assert list(client.get(LIST, {"q": "cau vuot"}).context["page"]) == []


def test_search_does_not_reveal_which_case_holds_a_phone_number(client, db):
    PublishedCaseFactory(title="Tiếng ồn", content="Gọi tôi số 0903123456 để chỉ chỗ.")
    other = PublishedCaseFactory(title="Tiếng ồn công trình")
    page = client.get(LIST, {"q": "0903123456 công trình"}).context["page"]
    assert [c.pk for c in page] == [other.pk]


def test_filters_by_category_ward_status_and_period(client, db):
    roads, water = CategoryFactory(name="Giao thông"), CategoryFactory(name="Cấp nước")
    ward = WardFactory(name="Phường Sài Gòn")
    now = timezone.now()
    match = PublishedCaseFactory(category=roads, ward=ward, status=Status.CLOSED,
                                 created_at=now - datetime.timedelta(days=3))
    PublishedCaseFactory(category=water, ward=ward, status=Status.CLOSED, created_at=now - datetime.timedelta(days=3))
    PublishedCaseFactory(category=roads, ward=ward, status=Status.ANSWERED, created_at=now - datetime.timedelta(days=3))
    PublishedCaseFactory(category=roads, ward=ward, status=Status.CLOSED, created_at=now - datetime.timedelta(days=40))
    today = timezone.localdate()
    params = {"category": roads.pk, "ward": ward.pk, "status": "closed",
              "date_from": (today - datetime.timedelta(days=10)).isoformat(), "date_to": today.isoformat()}
    response = client.get(LIST, params)
    assert [c.pk for c in response.context["page"]] == [match.pk]
    assert "Phường Sài Gòn" in response.content.decode()


def test_results_are_paginated_and_htmx_gets_only_the_results(client, db):
    PublishedCaseFactory.create_batch(23)
    first = client.get(LIST)
    assert len(first.context["page"].object_list) == 20
    second = client.get(LIST, {"trang": 2}, headers={"HX-Request": "true"})
    html = second.content.decode()
    assert len(second.context["page"].object_list) == 3
    assert "<html" not in html and 'class="case-list"' in html
    assert "HX-Request" in second["Vary"]
    restore = client.get(LIST, {"trang": 2}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restore.content.decode()


def test_the_detail_masks_personal_data_and_hides_the_name_when_asked(client, db):
    case = PublishedCaseFactory(
        reporter_name="Phạm Minh Đức", hide_identity=True,
        reporter_email="duc.pham@example.vn", reporter_phone="0938777666",
        content="Tôi là Phạm Minh Đức, nhà ở 45 Hai Bà Trưng, gọi 0938 777 666 hoặc duc.pham@example.vn.",
    )
    approve_answer(case, body="Trả lời ông Phạm Minh Đức (0938777666).",
                   public_body="Đơn vị đã kiểm tra và xử lý.")
    html = _detail(client, case).content.decode()
    assert "Phạm Minh Đức" not in html
    assert "0938777666" not in html and "0938 777 666" not in html
    assert "duc.pham@example.vn" not in html
    assert "Người dân (ẩn danh)" in html
    assert "Đơn vị đã kiểm tra và xử lý." in html


def test_the_detail_shows_the_name_when_not_hidden_but_never_the_contacts(client, db):
    case = PublishedCaseFactory(reporter_name="Võ Thị Hoa", hide_identity=False,
                                reporter_email="hoa@example.vn", reporter_phone="0909111222")
    html = _detail(client, case).content.decode()
    assert "Võ Thị Hoa" in html
    assert "hoa@example.vn" not in html and "0909111222" not in html


def test_the_home_page_lists_recent_published_answers_only(client, db):
    published = PublishedCaseFactory(title="Cây xanh ngã đổ trên đường Pasteur")
    hidden = CitizenCaseFactory(title="Phản ánh chưa trả lời về tiếng ồn")
    html = client.get(reverse("petitions:home")).content.decode()
    assert published.title in html and hidden.title not in html
    assert "1022" in html and reverse("petitions:submit") in html


def test_a_title_with_a_phone_number_is_masked_in_the_list(client, db):
    PublishedCaseFactory(title="Gọi 0903123456 về ổ gà")
    html = client.get(LIST).content.decode()
    assert "0903123456" not in html and "ổ gà" in html


def test_the_list_shows_answer_excerpts_in_a_fixed_number_of_queries(client, db, django_assert_max_num_queries):
    for i in range(3):
        approve_answer(PublishedCaseFactory(), body="x", public_body=f"Đã xử lý xong việc số {i}.")
    with django_assert_max_num_queries(14) as few:  # with a cold cache: the filters' ward and status probes
        client.get(LIST)
    for i in range(3, 15):
        approve_answer(PublishedCaseFactory(), body="x", public_body=f"Đã xử lý xong việc số {i}.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        html = client.get(LIST).content.decode()
    assert "Đã xử lý xong việc số 14." in html
