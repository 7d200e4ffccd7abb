"""The assistant's index is updated, not rebuilt, when the knowledge base changes: a published answer
is searchable at the next question, an updated index scores exactly like one built from scratch, and
the BM25 computed here equals bm25s' to the bit. `-k incremental_index`."""

import json
import unicodedata
from pathlib import Path

import bm25s
import numpy as np
import pytest

from civicdesk.answers.models import Answer
from civicdesk.assistant import retrieval
from civicdesk.assistant import text as textmod
from civicdesk.assistant.models import KnowledgeEntry
from civicdesk.assistant.retrieval import Document, Index, search_entries
from civicdesk.assistant.synonyms import SYNONYM_GROUPS
from tests.assistant.factories import KnowledgeEntryFactory
from tests.factories import CaseFactory, UserFactory

KB = Path(__file__).resolve().parents[2] / "civicdesk" / "assistant" / "data"


def sample_documents() -> list[Document]:
    """The demo knowledge base shipped with the product, as the index sees it."""
    docs = []
    for path in sorted(KB.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                text = "\n".join(str(row.get(k) or "") for k in ("question", "body", "steps", "documents"))
                docs.append(Document(id=str(row.get("id") or len(docs)), title=str(row.get("title") or row.get(
                    "question") or ""), text=text))
    assert len(docs) > 50
    return docs


QUESTIONS = ["làm căn cước ở đâu", "doi bang lai xe", "đường ngập nước báo ai", "đăng ký khai sinh cho con",
             "thủ tục giải thể công ty TNHH", "hát karaoke ồn ào ban đêm", "cấp giấy phép xây dựng nhà ở"]


def test_incremental_index_bm25_equals_bm25s_to_the_bit():
    corpus = [textmod.tokenize(f"{d.title}\n{d.text}") for d in sample_documents()]
    ours = retrieval._Field.build(corpus)
    reference = bm25s.BM25(k1=1.2, b=0.75)
    reference.index(corpus, show_progress=False)
    matrix = reference.scores
    for token, theirs in list(reference.vocab_dict.items())[:3000]:
        mine = ours.vocab.get(token)
        if mine is None:
            assert token == ""  # bm25s' own empty token
            continue
        start, end = matrix["indptr"][theirs], matrix["indptr"][theirs + 1]
        their_docs, their_scores = matrix["indices"][start:end], matrix["data"][start:end]
        order = np.argsort(their_docs)
        a, b = ours.indptr[mine], ours.indptr[mine + 1]
        assert np.array_equal(ours.indices[a:b], their_docs[order])
        assert np.array_equal(ours.data[a:b], their_scores[order]), token


def test_incremental_index_updated_scores_like_a_new_build():
    docs = sample_documents()
    first, later = docs[:-10], docs
    index = Index(first[:-5])
    changed = [Document(d.id, d.title + " (sửa đổi)", d.text + "\nCập nhật: nộp trực tuyến", d.kind)
               for d in first[3:6]]
    final = [*first[:3], *changed, *first[6:], *later[len(first):]]
    removed = {final[10].id, final[20].id}
    final = [d for d in final if d.id not in removed]
    updated = index.copy()
    updated.update([*changed, *first[-5:], *later[len(first):]], removed)
    rebuilt = Index(final)
    assert updated.ids == rebuilt.ids
    for question in QUESTIONS:
        assert np.array_equal(updated.scores(question), rebuilt.scores(question)), question
    assert len(index.ids) == len(first) - 5  # the copy was changed, not the index serving searches


def test_incremental_index_finds_an_approved_answer_without_a_full_rebuild(kb, monkeypatch):
    assert [e.external_id for e, _ in search_entries("báo ồn karaoke")][:1] == ["karaoke"]  # built once
    builds = []
    monkeypatch.setattr(retrieval, "build_index", lambda *a, **k: builds.append(1) or pytest.fail("full rebuild"))
    tokenized = []
    original = retrieval.textmod.index_tokens
    monkeypatch.setattr(retrieval.textmod, "index_tokens",
                        lambda texts, **k: tokenized.extend(texts) or original(texts, **k))

    case = CaseFactory(title="Cây xanh gãy đổ chắn lối đi hẻm 45", is_public=True)
    Answer.objects.create(case=case, author=UserFactory(), body="Đã cưa dọn cây gãy ngày 3/7.",
                          public_body="Đã cưa dọn cây gãy ngày 3/7.", state=Answer.State.APPROVED)
    question = "cây gãy đổ chắn hẻm"
    found = [e for e, _ in search_entries(question)]
    entry = KnowledgeEntry.objects.get(case=case)
    assert found[:1] == [entry]
    assert builds == []
    # only the new entry was read again (its title and body), not the five entries already indexed
    read = [t for t in tokenized if t != question]
    assert read and all(entry.title in t or entry.body in t for t in read), read


def test_incremental_index_forgets_a_withdrawn_entry_and_keeps_the_file(kb, settings):
    assert [e.external_id for e, _ in search_entries("giấy phép lái xe")][:1] == ["gplx"]
    kb["gplx"].is_active = False
    kb["gplx"].save()
    assert "gplx" not in [e.external_id for e, _ in search_entries("giấy phép lái xe")]
    retrieval._cached = None  # another process: reads the updated file, no rebuild needed
    loaded = Index.load(Path(settings.ASSISTANT_INDEX_PATH), retrieval.current_signature())
    assert loaded is not None and str(kb["gplx"].pk) not in loaded.ids


def test_incremental_index_a_changed_entry_is_searched_as_changed(kb):
    assert [e.external_id for e, _ in search_entries("đổi bằng lái")][:1] == ["gplx"]
    KnowledgeEntryFactory(external_id="later", title="Cấp lại hộ chiếu bị mất", body="Nộp tại Công an tỉnh.")
    kb["ngap"].title = "Cống thoát nước bị tắc thì báo ở đâu?"
    kb["ngap"].save()
    assert [e.external_id for e, _ in search_entries("cống tắc")][:1] == ["ngap"]
    assert [e.external_id for e, _ in search_entries("mất hộ chiếu")][:1] == ["later"]


def _fold_as_before(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _concepts_as_before(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text)
    folded, lowered = textmod.fold(text), text.lower()
    return [token for token, folded_pattern, accented_pattern, _f, _a in textmod._GROUPS
            if (folded_pattern and folded_pattern.search(folded)) or (
                accented_pattern and accented_pattern.search(lowered))]


def test_incremental_index_faster_text_steps_give_the_same_tokens():
    texts = [f"{d.title}\n{d.text}" for d in sample_documents()]
    texts += [phrase for group in SYNONYM_GROUPS for phrase in group]  # every phrase finds its group
    texts += ["Ấp Đông, xã Tân Thạnh Đông — ĐĂNG KÝ KẾT HÔN", "e\u0301 à", "ǅ ﬁ Ω", ""]
    for text in texts:
        assert textmod.fold(text) == _fold_as_before(text)
        normal = unicodedata.normalize("NFC", text)
        assert textmod.concepts(normal, textmod.fold(normal)) == _concepts_as_before(text), text


def test_incremental_index_tokens_of_a_build_are_those_of_each_whole_text():
    # A build tokenizes each distinct sentence (and segments each distinct clause) once; the tokens
    # must be those of the whole text, cuts or not, pyvi compounds included.
    docs = sample_documents()
    texts = [d.title for d in docs] + [d.text for d in docs]
    texts += ["Điều 5. Hồ sơ gồm: tờ khai; bản sao giấy khai sinh (nếu có).\nNộp tại Ủy ban nhân dân cấp xã.",
              "Nhận cha, mẹ, con.  Thay đổi, cải chính, bổ sung hộ tịch!\n\nngành, nghề kinh doanh? Cấp thẻ Căn cước",
              "dang ky khai sinh. Đăng ký khai sinh.", "\n. ;", ""]
    texts += texts[:10]  # repeated texts are tokenized once and share their list
    built, terms = textmod.index_tokens(texts, terms_for=len(texts))
    assert built == [textmod.tokenize(t) for t in texts]
    prefixes = (textmod.FOLDED_PREFIX, textmod.CONCEPT_PREFIX)  # a title's words and concepts, for coverage
    assert terms == [frozenset(t for t in textmod.tokenize(text, bigrams=False, segment=False) if t.startswith(
        prefixes)) for text in texts]
    assert built[-1] is built[9]
    assert any("_" in t for t in built[-6])  # pyvi compounds are there, across the cuts
