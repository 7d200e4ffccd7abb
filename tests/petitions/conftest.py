import pytest

from civicdesk.petitions.forms import new_form_token


@pytest.fixture
def form_data(routing_rule, category):
    """What a person types into the submit form, with a fresh one-time token."""
    return {
        "kind": "report",
        "title": "Đèn đường hỏng trên đường Lê Lợi",
        "content": "Ba cột đèn trước số 12 Lê Lợi tắt cả tuần, buổi tối rất tối và nguy hiểm.",
        "category": str(category.pk),
        "address_text": "12 Lê Lợi, phường Bến Thành",
        "lat": "10.7731",
        "lon": "106.7004",
        "reporter_type": "person",
        "reporter_name": "Trần Thị Bình",
        "reporter_phone": "0912 345 678",
        "reporter_email": "binh.tran@example.vn",
        "consent": "on",
        "token": new_form_token(),
    }
