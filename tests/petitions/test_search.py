from civicdesk.petitions.search import fold, public_cases, search_terms
from tests.petitions.factories import PublishedCaseFactory


def test_fold_removes_tone_marks_hats_and_the_d_bar():
    assert fold("Ngập NƯỚC Đường Đồng Khởi") == "ngap nuoc duong dong khoi"
    assert fold("Thủ tục cấp giấy phép xây dựng") == "thu tuc cap giay phep xay dung"


def test_fold_treats_decomposed_input_like_composed():
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Quận Bình Thạnh")) == "quan binh thanh"


def test_contact_like_words_are_not_searched():
    assert search_terms("ổ gà 0903123456 a@b.vn") == ["o", "ga"]


def test_the_database_folds_like_python(db):
    case = PublishedCaseFactory(title="ĐƯỜNG LÊ LỢI NGẬP SÂU", content="Ổ GÀ LỚN")
    assert list(public_cases("duong le loi ngap")) == [case]
    assert list(public_cases("ổ gà")) == [case]
    assert list(public_cases("Lê Lợi ổ gà")) == [case]
    assert list(public_cases("le loi cau")) == []
