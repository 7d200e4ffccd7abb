import pytest

from civicdesk.routing import address


@pytest.mark.parametrize(("text", "code"), [
    ("hẻm 34 Lê Văn Sỹ, P.13, Q.3", "27142"),  # old ward number + old district
    ("so 5 duong Phan Van Tri, P12, Go Vap", "26882"),  # no diacritics, bare district
    ("123 Nguyen Trai phuong 9 quan 5", "27316"),
    ("Phường 12, Quận Gò Vấp", "26882"),
    ("P.Thảo Điền, Q.2", "27094"),  # old district 2, now inside Thủ Đức
    ("12 Lê Lợi, phường Bến Thành, TP.HCM", "26743"),  # today's ward name
    ("duong Pham Van Dong, phuong Hiep Binh", "26809"),
    ("khu pho 3 phuong tan thoi hiep quan 12", "26782"),
])
def test_it_resolves_addresses_as_people_write_them(text, code):
    match = address.resolve(text, "79")
    assert match.code == code
    assert match.confidence >= 0.9


def test_it_sends_a_split_old_ward_to_the_default_new_one_with_less_confidence():
    match = address.resolve("xã An Phú Tây, H. Bình Chánh", "79")
    assert match.code == "27424"
    assert set(match.candidates) == {"27424", "27637"}
    assert match.confidence < 0.9


def test_it_does_not_guess_a_numbered_ward_without_its_district():
    assert address.resolve("123 Lê Lợi, Phường 9", "79").code is None


def test_it_does_not_guess_from_a_district_alone():
    assert address.resolve("Quận 3", "79").code is None


def test_it_finds_the_nearest_ward_centre():
    match = address.nearest_ward(10.7713, 106.694, "79")
    assert match.code == "26743"
    assert address.nearest_ward(21.03, 105.85, "79").code is None  # Hà Nội is not in this province


def test_it_refuses_an_unknown_province():
    with pytest.raises(ValueError):
        address.gazetteer("00")


@pytest.mark.parametrize(("text", "code"), [
    ("45/12 Đoàn Văn Bơ F16Q4", "27259"),  # ward and district run together, "F" for phường
    ("38 Bà Hom P13Q6", "27349"),
    ("số 5 Hậu Giang ph.14 q.6", "27349"),
    ("12 Lò Siêu, P.11 - Q 11", "27226"),
    ("Phường 2, Quận 10", "27190"),  # numbered old ward through the official old→new table
    ("Phường 7, TP.VT", "26526"),  # "TP.VT": the old city of Vũng Tàu by its initials
    ("P.Hiệp Thành, TP.TDM", "25750"),
    ("Lái Thiêu, TX Thuận An", "25966"),  # "thị xã", not "thị" + "xã Thuận An"
    ("P. Bình Hòa, TX Thuận An, Bình Dương", "25987"),  # the old province is not a ward
    ("hẻm 403 Nguyễn Văn Lượng F16 GV", "26878"),  # "GV" is Gò Vấp here, not "giáo viên"
    ("huyen Con Dao", "26732"),  # an old district that became one unit
    ("ấp 2 xã Bình Hưng Bình Chánh", "27619"),  # ward and district without a comma
])
def test_it_reads_the_short_forms_citizens_type(text, code):
    assert address.resolve(text, "79").code == code


def test_it_tells_apart_two_new_wards_that_differ_only_by_diacritics():
    assert address.resolve("XÃ THẠNH AN", "79").code == "27676"
    assert address.resolve("ấp Thiềng Liềng, xã Thạnh An", "79").code == "27676"
    assert address.resolve("xã Thanh An, tỉnh Bình Dương", "79").code == "25807"
    # without any diacritics only the old district can tell
    assert address.resolve("xa Thanh An", "79").code is None
    assert address.resolve("xa Thanh An, Can Gio", "79").code == "27676"
    assert address.resolve("xa Thanh An Dau Tieng", "79").code == "25807"


def test_the_old_district_in_the_text_wins_over_a_new_ward_of_the_same_name():
    assert address.resolve("Phường Tân Định", "79").code == "26737"  # today's ward in the centre
    assert address.resolve("P. Tân Định, TX Bến Cát", "79").code == "25849"  # the old one in Bến Cát
    assert address.resolve("Phường Tân Phú", "79").code == "27031"
    assert address.resolve("Phường Tân Phú, Quận 7", "79").code == "27487"
    assert address.resolve("Phường An Phú, Quận 2", "79").code == "27097"


def test_an_old_town_is_not_todays_commune_of_the_same_name():
    assert address.resolve("xã Củ Chi", "79").code == "27553"
    assert address.resolve("TT Củ Chi", "79").code == "27496"  # no thị trấn exists since July 2025
