"""How a citizen's question is weighed before the search (`assistant.query`): story words dropped,
the sentence carrying the request weighed over the story, abbreviations covering a title's words."""

from civicdesk.assistant import query, retrieval
from civicdesk.assistant.retrieval import Document, Index

CATALOGUE = [
    Document("civil-servant", "Thủ tục tiếp nhận vào làm viên chức", "Lĩnh vực: Công chức, viên chức"),
    Document("birth", "Đăng ký khai sinh", "Lĩnh vực: Hộ tịch"),
    Document("correct", "Thay đổi, cải chính, bổ sung hộ tịch", "Lĩnh vực: Hộ tịch"),
    Document("naturalise", "Nhập quốc tịch Việt Nam", "Lĩnh vực: Quốc tịch"),
    Document("nationality", "Cấp Giấy xác nhận có quốc tịch Việt Nam ở trong nước", "Lĩnh vực: Quốc tịch"),
    Document("licence", "Cấp lại giấy phép lái xe", "Lĩnh vực: Đường bộ"),
    Document("exam-centre", "Cấp lại Giấy phép sát hạch cho trung tâm sát hạch lái xe", "Lĩnh vực: Đường bộ"),
    Document("exam-yard", "Chấp thuận hoạt động của sân tập lái để sát hạch lái xe mô tô", "Lĩnh vực: Đường bộ"),
]

STORY = ("Cha tôi là người Campuchia, vừa được nhập quốc tịch Việt Nam năm 2015, mẹ tôi là người Việt Nam. "
         "Từ nhỏ tới lớn giấy tờ tùy thân của tôi đều ghi quốc tịch Việt Nam. "
         "Vậy tôi muốn cải chính quốc tịch ghi sai trong giấy khai sinh thì phải làm thế nào?")


def test_the_request_is_split_from_the_story():
    request, context = query.request_split(STORY)
    assert request.startswith("Vậy tôi muốn cải chính") and "Campuchia" in context
    assert query.request_split("làm khai sinh cho con ở đâu") == ("làm khai sinh cho con ở đâu", "")


def test_story_words_go_and_words_of_the_entries_stay():
    index = Index(CATALOGUE)
    tokens = index.query_tokens("Tôi muốn hỏi thì làm thế nào để thi tuyển viên chức?")
    assert "thì" not in tokens and "tôi" not in tokens and "làm" not in tokens and "~toi" not in tokens
    assert "thi" in tokens and "~thi" in tokens  # "thi tuyển" is not "thì"
    # words that name part of a procedure as often as they tell a story stay ("cấp mới", "bị mất")
    kept = index.query_tokens("Nhà tôi mới xây, sổ đỏ bị mất thì xin bản sao thế nào?")
    assert {"mới", "bị", "sao"} <= set(kept) and "tôi" not in kept and "thế" not in kept
    # typed without diacritics: "lam" stays only because a word of the entries folds to it ("làm")
    folded = index.query_tokens("toi muon hoi lam the nao de cap lai bang lai")
    assert "~toi" not in folded and "~muon" not in folded and "~cap" in folded
    assert ("~lam" in folded) == ("lam" in index.content_folds)


def test_the_request_sentence_outweighs_the_story(monkeypatch):
    index = Index(CATALOGUE)
    assert index.search(STORY, k=1)[0].id == "correct"
    monkeypatch.setattr(retrieval, "WEIGH_REQUEST", False)
    monkeypatch.setattr(retrieval, "DROP_STORY_WORDS", False)
    assert index.search(STORY, k=1)[0].id != "correct"


def test_an_abbreviation_covers_the_title_words_it_stands_for(monkeypatch):
    index = Index(CATALOGUE)
    question = "Tôi có GPLX ô tô quá hạn 6 tháng thì được cấp lại GPLX hay phải sát hạch lại?"
    assert index.search(question, k=1)[0].id == "licence"
    monkeypatch.setattr(retrieval, "COVERAGE_EXPAND", False)
    assert index.search(question, k=1)[0].id != "licence"
