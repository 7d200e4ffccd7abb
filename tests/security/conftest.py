"""Fixtures of the regression tests for issue 12 (citizens' trust): a hide-my-name case full of the
reporter's personal data, answered and published — its code is public (lists, open data, Open311)."""

import pytest
from django.utils import timezone

from civicdesk.api.models import ApiClient
from civicdesk.petitions import events
from civicdesk.petitions.models import EventAction, Status
from tests.petitions.factories import PublishedCaseFactory, approve_answer

REPORTER = "Trần Thị Bích"
PHONE = "0912345678"
EMAIL = "bich.tran@example.com"
ID_NUMBER = "079188001234"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def api_key(db):
    _client, raw = ApiClient.issue("ung-dung-thu")
    return raw


@pytest.fixture
def secret_case(category, agency, citizen):
    """Published, answered today, hide-my-name, sent by `citizen`'s account."""
    case = PublishedCaseFactory(
        category=category, agency=agency, user=citizen, hide_identity=True,
        reporter_name=REPORTER, reporter_phone=PHONE, reporter_email=EMAIL,
        title=f"{REPORTER} báo ống nước vỡ trước nhà",
        content=f"Tôi là {REPORTER}, CCCD {ID_NUMBER}, gọi {PHONE} hoặc {EMAIL}. Ống nước vỡ ở hẻm 12.",
        address_text="Số 7 hẻm 12 Lê Lợi", lat=10.776912, lon=106.700934, answered_at=timezone.now(),
    )
    approve_answer(case, body=f"Kính gửi bà {REPORTER} (ĐT {PHONE}): đơn vị đã sửa ống nước.",
                   public_body="Kính gửi bà ***: đơn vị đã sửa ống nước.")
    events.record(case, EventAction.STATUS_CHANGED, None, f"Đã gọi lại cho {REPORTER} qua số {PHONE}",
                  from_status=Status.IN_PROGRESS, to_status=Status.IN_PROGRESS)
    case.refresh_from_db()
    return case


PERSONAL = (REPORTER, PHONE, EMAIL, ID_NUMBER)


def leaks(text: str) -> list[str]:
    return [value for value in PERSONAL if value in text]
