"""A merged case says where it went: on its tracking page (anyone with the code, or its reporter) and
in "Phản ánh của tôi", never as a red "Từ chối"."""

from civicdesk.answers.models import Answer
from civicdesk.petitions.models import Status
from civicdesk.workflow import operations
from tests.petitions.factories import CitizenCaseFactory


def _merged(category, agency, operator, **reporter):
    main = CitizenCaseFactory(category=category, agency=agency, status=Status.IN_PROGRESS)
    duplicate = CitizenCaseFactory(category=category, agency=agency, status=Status.ASSIGNED, **reporter)
    operations.merge(main, [duplicate], operator)
    return main, duplicate


def test_merged_case_page_links_the_main_case(client, category, agency, operator):
    main, duplicate = _merged(category, agency, operator)
    page = client.get(f"/tra-cuu/{duplicate.tracking_code}/").content.decode()
    assert f"Đã gộp vào phản ánh {main.tracking_code}" in page
    assert f'href="/tra-cuu/{main.tracking_code}/"' in page
    assert "badge-red" not in page and "Lý do không thụ lý" not in page
    assert "thư điện tử của Quý ông/bà" not in page  # a stranger holding the code is promised nothing


def test_merged_case_shows_the_main_public_answer(client, category, agency, operator, officer, lead):
    main, duplicate = _merged(category, agency, operator)
    Answer.objects.create(case=main, author=officer, body="Kính gửi ông Nguyễn Văn An: đã sửa.",
                          public_body="Kính gửi ông ***: đã sửa.", state=Answer.State.APPROVED, approved_by=lead)
    page = client.get(f"/tra-cuu/{duplicate.tracking_code}/").content.decode()
    assert "Kính gửi ông ***: đã sửa." in page and "Nguyễn Văn An: đã sửa" not in page


def test_merged_case_in_my_cases_is_not_rejected(client, category, agency, operator, citizen):
    _main, duplicate = _merged(category, agency, operator)
    duplicate.user = citizen
    duplicate.save()
    client.force_login(citizen)
    page = client.get("/cua-toi/").content.decode()
    assert "Đã gộp" in page and "Từ chối" not in page
