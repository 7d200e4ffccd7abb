"""The place a message names, read from its words, and the pair scorer's use of it."""

from datetime import datetime, timedelta

import pytest

from civicdesk.routing import places
from civicdesk.routing.duplicates import Message, pair_score, place_relation

START = datetime(2026, 3, 1, 8, 0)


@pytest.mark.parametrize(("text", "street"), [
    ("Hẻm 190 Nguyễn Thái Sơn nước cống tràn lên mặt hẻm", ("nguyen", "thai", "son")),
    ("hem 190 nguyen thai son bi nghet, nuoc den ngap", ("nguyen", "thai", "son")),  # lower case, no marks
    ("Trước số 45 Lê Thánh Tôn có một hố ga bị mất nắp", ("le", "thanh", "ton")),
    ("Cây xanh trước số 196 Pasteur gãy cành", ("pasteur",)),
    ("Ngã tư Nguyễn Tri Phương – 3 Tháng 2 đèn tín hiệu hỏng", ("3/2",)),
    ("chân cầu Nguyễn Tri Phương phía Quận 8", ("nguyen", "tri", "phuong")),  # "Phương" is not "phường"
    ("QL13 gần chợ Lái Thiêu xe container đậu", ("quoc", "lo", "13")),
])
def test_it_reads_the_street(text, street):
    place = places.extract(text)
    assert street in place.streets | {name for _kind, name in place.landmarks}


def test_it_reads_landmarks_with_their_kind():
    place = places.extract("Chợ Bà Chiểu sáng nào hàng rong cũng bày tràn ra lòng đường Vạn Kiếp")
    assert ("cho", ("ba", "chieu")) in place.landmarks
    assert ("van", "kiep") in place.streets
    school = places.extract("Cây dầu trước trường Tiểu học Lê Văn Tám trên đường Phan Đăng Lưu")
    assert ("truong", ("le", "van", "tam")) in school.landmarks
    hospital = places.extract("mai che tram xe buyt truoc BV Cho Ray bi gay")
    assert ("benh vien", ("cho", "ray")) in hospital.landmarks


def test_an_ordinary_word_is_not_a_landmark():
    # "cho" is chợ, chó and cho: without diacritics or a capitalised name it is not a market
    assert not places.extract("hem 12 Quang Trung cho tha rong can con nit").landmarks
    # "số" without a number is not an address ("người bán vé số")
    assert not places.extract("Người bán vé số đeo bám bệnh nhân").streets


def test_ward_and_district_numbers_are_not_house_numbers():
    place = places.extract("Trạm y tế P14 Gò Vấp hết vắc xin")
    assert not place.numbers


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("Hẻm 190 Nguyễn Thái Sơn nước cống tràn", "hem 190 nguyen thai son cong bi nghet", "same"),
    ("Hẻm 190 Nguyễn Thái Sơn nước cống tràn", "Hẻm 473 Lê Quang Định nước cống tràn", "different"),
    ("Đèn giao thông ngã tư Nguyễn Tri Phương – 3 Tháng 2 hỏng", "den nga tu NTP - 3/2 chop vang", "same"),  # initials
    ("Trước nhà số 15 Trần Hưng Đạo có hố ga mất nắp", "Trước nhà số 480 Trần Hưng Đạo hố ga vỡ", "different"),
    ("Công trình số 45 Hồ Bá Kiện làm nứt nhà", "nhà tôi số 47 Hồ Bá Kiện bị nứt tường", "same"),  # next door
    ("Hẻm 5 Tô Hiến Thành dây điện rơi thấp", "hem 9 To Hien Thanh day cap roi thap", "different"),
    ("xưởng trong hẻm 77 đường Thạnh Lộc 15", "xưởng tại hẻm 77 đường TL15", "same"),
    ("Đường Hùng Vương trước chợ Thủ Dầu Một ngập", "Đường Yersin gần Ngã 6 Thủ Dầu Một ngập", "different"),
    ("Nhà máy ở KCN Tân Bình xả khói đen", "Xưởng trong KCN Vĩnh Lộc xả khói đen", "different"),
    ("Đường ngập quá trời", "Nước ngập tới gối", "unknown"),
])
def test_it_compares_places_not_words(a, b, expected):
    assert place_relation(Message(a), Message(b)) == expected


def test_the_pair_scorer_refuses_the_same_problem_in_two_streets():
    flood = Message("Hẻm 190 Nguyễn Thái Sơn nước cống tràn lên mặt hẻm 3 ngày nay, mùi hôi thối.", at=START)
    same = Message("hem 190 nguyen thai son cong bi nghet, nuoc den ngap toi mat ca chan, hoi lam",
                   at=START + timedelta(hours=5))
    elsewhere = Message("Hẻm 473 Lê Quang Định nước cống tràn lên hẻm mấy ngày rồi, hôi thối không chịu nổi.",
                        at=START + timedelta(hours=5))
    assert pair_score(flood, same) >= 0.35
    assert pair_score(flood, elsewhere) < 0.35


def test_place_terms_are_single_words():
    terms = places.extract("Ổ gà trước chợ Bà Chiểu, hẻm 12 Lê Quang Định").terms()
    assert "p_ba_chieu" in terms and "p_le_quang_dinh" in terms
