from civicdesk.routing.normalise import canonical_tones, fold, normalise, segment


def test_it_places_tone_marks_one_way():
    assert canonical_tones("Hoà Bình") == canonical_tones("Hòa Bình") == "Hòa Bình"
    assert canonical_tones("thuý") == canonical_tones("thúy")
    assert canonical_tones("Uỷ ban") == "Ủy ban"


def test_it_leaves_qu_and_closed_syllables_alone():
    assert canonical_tones("quý khách") == "quý khách"
    assert canonical_tones("hoàng") == "hoàng"


def test_it_composes_decomposed_input():
    decomposed = "đu\u031bo\u031b\u0300ng"  # "đường" typed as base letters + combining marks
    assert normalise(decomposed) == "đường"


def test_it_folds_diacritics():
    assert fold("Đường bị NGẬP") == "duong bi ngap"


def test_it_expands_phone_shorthand():
    assert normalise("ko dc xu ly, bn tien vs j r") == "không được xu ly , bao nhiêu tien với gì rồi"


def test_it_expands_address_abbreviations():
    text = normalise("Hẻm 12 Lê Văn Sỹ, P.13, Q.3, TP.HCM")
    assert "phường 13" in text and "quận 3" in text and "thành phố hồ chí minh" in text
    assert normalise("Q.Bình Thạnh") == "quận bình thạnh"
    assert normalise("P9 Q3") == "phường 9 quận 3"


def test_it_expands_ca_only_in_capitals():
    assert normalise("CA phường") == "công an phường"
    assert normalise("con ca chet") == "con ca chet"


def test_it_drops_emoji_and_letter_repeats():
    assert normalise("nguyyyy hiểmmmm 😡😡🔥") == "nguy hiểm"


def test_it_segments_words():
    assert "xe_máy" in segment("xe máy chết máy giữa đường")
