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


def test_a_word_matches_a_whole_word_not_part_of_one(db):
    flooded = PublishedCaseFactory(title="Ngập nước", content="Nước tràn vào nhà dân.")
    lamp = PublishedCaseFactory(title="Đèn hỏng", content="Trong ấp 3 đèn tắt.")
    assert list(public_cases("ngap")) == [flooded]
    assert list(public_cases("nga")) == []
    assert list(public_cases("ap")) == [lamp]
    assert flooded not in public_cases("uoc")


def test_words_are_found_across_the_title_and_the_content_but_not_glued_together(db):
    case = PublishedCaseFactory(title="Cây đổ", content="chắn ngang đường")
    assert list(public_cases("cây đường")) == [case]
    assert list(public_cases("đổchắn")) == []


def test_punctuation_in_the_query_is_not_an_operator(db):
    case = PublishedCaseFactory(title="Rác thải", content="Bãi rác tự phát.")
    assert list(public_cases("rác & | ! ( ) :* '")) == [case]
    assert list(public_cases("!!! ???")) == list(public_cases(""))


def test_the_postgresql_search_uses_its_full_text_index(db):
    import pytest
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the index is PostgreSQL's")
    PublishedCaseFactory(title="Ngập nước", content="Nước tràn.")
    sql, params = public_cases("ngap").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        # the other indexes on public cases would be cheaper on a tiny table (dropped within the test's transaction)
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'petitions_case'"
                       " AND indexdef LIKE '%%is_public%%' AND indexname <> 'case_public_text_search'")
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "case_public_text_search" in plan, plan


def test_the_staff_search_finds_a_code_a_phone_as_typed_or_words(db):
    from civicdesk.petitions.models import Case, LegalKind
    from civicdesk.petitions.search import staff_cases
    from tests.factories import CaseFactory, UserFactory

    supervisor = UserFactory(role="supervisor")
    flood = CaseFactory(tracking_code="K7QD-M3XA", title="Ngập nước", address_text="12 Hàm Nghi",
                        reporter_name="Trần Thị Bình", reporter_phone="0903123456")
    lamp = CaseFactory(title="Đèn 0903123456 hỏng", reporter_name="Lê Văn Cường", reporter_phone="0911222333")
    denounced = CaseFactory(title="Tố cáo", reporter_name="Trần Thị Bình", reporter_phone="0903123456",
                            legal_kind=LegalKind.DENUNCIATION)

    def found(text):
        return set(staff_cases(Case.objects.all(), text, supervisor))

    assert found("k7qd m3xa") == {flood}
    assert found(lamp.tracking_code.lower()) == {lamp}  # an older code outside today's alphabet
    assert found("0903 123 456") == {flood}  # a phone: the senders', not a number in a title
    assert found("123.456") == {flood}
    assert found("hàm nghi") == {flood}
    assert found("trần thị bình") == {flood}  # the denouncer's name is not searchable
    assert found("hỏng") == {lamp}
    assert found("   ") == set(Case.objects.all())
    assert denounced not in found("0903123456")


def test_many_matches_or_few_come_in_the_same_order(db, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from civicdesk.petitions import search

    now = timezone.now()
    made = [PublishedCaseFactory(title="Rác thải", content="Bãi rác.", answered_at=now - timedelta(days=i % 3),
                                 created_at=now - timedelta(days=i)) for i in range(6)]
    made.append(PublishedCaseFactory(title="Rác thải", content="Chưa trả lời.", answered_at=None))
    few = list(public_cases("rác"))
    monkeypatch.setattr(search, "DEFAULT_CAP", 2)  # "many": the public order's walk on PostgreSQL
    assert list(public_cases("rác")) == few
    assert few[-1] == made[-1]  # unanswered last
    assert [c.answered_at for c in few[:-1]] == sorted((c.answered_at for c in few[:-1]), reverse=True)
