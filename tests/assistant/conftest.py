import pytest

from civicdesk.assistant import retrieval
from civicdesk.assistant.models import KnowledgeEntry
from tests.assistant.factories import KnowledgeEntryFactory


@pytest.fixture(autouse=True)
def _index_in_tmp(settings, tmp_path):
    """Each test gets its own index file and no index cached from another test's database."""
    settings.ASSISTANT_INDEX_PATH = tmp_path / "assistant-index.pkl"
    settings.LLM_BASE_URL = ""
    retrieval._cached = None
    yield
    retrieval._cached = None


@pytest.fixture
def kb(db):
    """A small knowledge base: two procedures, two Q&A, one legal article."""
    return {
        "cccd": KnowledgeEntryFactory(
            external_id="cccd", kind=KnowledgeEntry.Kind.PROCEDURE, title="Cấp, cấp đổi thẻ căn cước",
            body="Công dân từ đủ 14 tuổi làm thẻ căn cước tại Công an phường, xã. Thẻ phải đổi khi đủ 25, 40 và 60 tuổi.",
            agency="Công an phường, xã", steps="Đến Công an phường\nChụp ảnh, lấy vân tay",
            documents="Thẻ cũ", fees="Cấp đổi 50.000 đồng", time_limit="7 ngày làm việc",
            legal_basis="Luật Căn cước 2023, Điều 21",
        ),
        "gplx": KnowledgeEntryFactory(
            external_id="gplx", kind=KnowledgeEntry.Kind.PROCEDURE, title="Đổi giấy phép lái xe",
            body="Người có giấy phép lái xe sắp hết hạn nộp hồ sơ đổi tại Phòng Cảnh sát giao thông hoặc trực tuyến.",
            agency="Phòng Cảnh sát giao thông", fees="135.000 đồng", time_limit="5 ngày làm việc",
        ),
        "ngap": KnowledgeEntryFactory(
            external_id="ngap", title="Đường bị ngập nước sau mưa thì báo ở đâu?",
            body="Gửi phản ánh hoặc gọi 1022; đơn vị thoát nước sẽ kiểm tra, nạo vét cống.",
        ),
        "karaoke": KnowledgeEntryFactory(
            external_id="karaoke", title="Hàng xóm hát karaoke gây ồn ban đêm thì báo ai?",
            body="Báo Công an phường, xã; gây tiếng ồn từ 22 giờ đến 6 giờ có thể bị xử phạt.",
            legal_basis="Nghị định 144/2021/NĐ-CP",
        ),
        "law": KnowledgeEntryFactory(
            external_id="law-cu-tru-27", kind=KnowledgeEntry.Kind.LEGAL,
            title="Luật Cư trú 2020, Điều 27 — Điều kiện đăng ký tạm trú",
            body="Công dân đến ở chỗ ở hợp pháp ngoài nơi thường trú từ 30 ngày trở lên phải đăng ký tạm trú.",
        ),
    }
