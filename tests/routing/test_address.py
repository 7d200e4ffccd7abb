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
