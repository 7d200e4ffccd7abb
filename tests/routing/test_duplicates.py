from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from civicdesk.petitions.models import Status
from civicdesk.routing.duplicates import Message, case_category, find_similar_open_cases, pair_score
from tests.factories import CaseFactory

START = datetime(2026, 3, 1, 8, 0)
FLOOD = "Đường Nguyễn Hữu Cảnh đoạn trước chung cư Saigon Pearl ngập sâu nửa bánh xe sau cơn mưa, xe chết máy"
FLOOD_AGAIN = "nguyen huu canh ngap nua banh xe, khuc Saigon Pearl nuoc chua rut, xe chet may nam dai"
TRUCKS = "Đoạn Nguyễn Hữu Cảnh trước chung cư Saigon Pearl có xe tải đậu dưới lòng đường bốc dỡ hàng"


def test_it_scores_the_same_incident_above_a_different_one():
    same = pair_score(Message(FLOOD, at=START), Message(FLOOD_AGAIN, at=START + timedelta(hours=2)))
    other = pair_score(Message(FLOOD, at=START), Message(TRUCKS, at=START + timedelta(hours=2)))
    assert same > other
    assert same >= 0.35


def test_it_treats_the_same_problem_a_month_later_as_new():
    late = pair_score(Message(FLOOD, at=START), Message(FLOOD_AGAIN, at=START + timedelta(days=30)))
    assert late == 0.0


def test_it_tells_different_house_numbers_apart():
    a = Message("Nhà số 286/9 Nguyễn Xí hát karaoke loa kéo tới 1 giờ sáng", at=START)
    b = Message("Nhà số 268/14 Nguyễn Xí hát karaoke loa kéo tới khuya", at=START)
    c = Message("Nhà số 286/9 Nguyễn Xí tối qua hát karaoke loa kéo tới khuya", at=START)
    assert pair_score(a, c) > pair_score(a, b)


@pytest.mark.django_db
def test_it_finds_open_cases_about_the_same_incident():
    now = timezone.now()
    first = CaseFactory(title="Ngập ở Nguyễn Hữu Cảnh", content=FLOOD, created_at=now - timedelta(hours=3),
                        address_text="Nguyễn Hữu Cảnh, Bình Thạnh", status=Status.ASSIGNED)
    trucks = CaseFactory(title="Xe tải đậu", content=TRUCKS, created_at=now - timedelta(hours=3), address_text="")
    closed = CaseFactory(title="Ngập", content=FLOOD, created_at=now - timedelta(hours=2), status=Status.CLOSED)
    old = CaseFactory(title="Ngập", content=FLOOD, created_at=now - timedelta(days=40))
    found = find_similar_open_cases("ngap nguyen huu canh", FLOOD_AGAIN, at=now)
    cases = [case for case, _score in found]
    assert cases[0] == first  # same place and same problem first; same place, other problem after
    assert closed not in cases and old not in cases
    assert trucks not in cases[:1]
    assert 0 < found[0][1] <= 1


@pytest.mark.django_db
def test_it_leaves_out_the_case_itself():
    case = CaseFactory(title="Ngập", content=FLOOD)
    assert find_similar_open_cases(case.title, case.content, exclude_id=case.pk) == []


def test_it_keeps_apart_the_same_place_when_the_router_is_sure_of_two_fields():
    flood = Message(FLOOD, at=START, category=("ha-tang-do-thi", 0.9))
    trucks = Message(TRUCKS, at=START + timedelta(hours=2), category=("giao-thong", 0.9))
    unsure = Message(TRUCKS, at=START + timedelta(hours=2), category=("giao-thong", 0.4))
    unknown = Message(TRUCKS, at=START + timedelta(hours=2))
    assert pair_score(flood, trucks) < pair_score(flood, unsure) == pair_score(flood, unknown)


def test_it_does_not_penalise_two_messages_in_the_same_field():
    flood = Message(FLOOD, at=START, category=("ha-tang-do-thi", 0.95))
    again = Message(FLOOD_AGAIN, at=START + timedelta(hours=2), category=("ha-tang-do-thi", 0.9))
    assert pair_score(flood, again) == pair_score(Message(FLOOD, at=START),
                                                  Message(FLOOD_AGAIN, at=START + timedelta(hours=2)))


def test_a_cases_category_counts_as_certain_only_once_a_person_confirmed_it():
    assert case_category("ha-tang-do-thi", True, 0.4) == ("ha-tang-do-thi", 1.0)
    assert case_category("ha-tang-do-thi", False, 0.65) == ("ha-tang-do-thi", 0.65)
    assert case_category(None, True, 1.0) is None


def test_it_keeps_apart_streets_of_the_same_name_in_two_districts():
    cakes = "Tiệm bánh số 15 Lê Lợi bán bánh kem mốc, ăn xong cả nhà đau bụng"
    first = Message(cakes, address="15 Lê Lợi, Quận 1", at=START)
    same_district = Message("tiem banh 15 Le Loi ban banh moc, an xong dau bung", address="Lê Lợi, phường Bến Thành",
                            at=START + timedelta(hours=5))
    other_district = Message("tiem banh 15 Le Loi ban banh moc, an xong dau bung", address="15 Lê Lợi, P.4, Gò Vấp",
                             at=START + timedelta(hours=5))
    somewhere = Message(other_district.text, at=START + timedelta(hours=5))
    assert pair_score(first, other_district) < min(pair_score(first, somewhere), pair_score(first, same_district))
