import pytest

from civicdesk.accounts.models import Role
from tests.factories import AgencyFactory, UserFactory
from tests.notifications.smtp import smtp_inbox  # noqa: F401


@pytest.fixture
def other_agency_lead(other_agency):
    return UserFactory(username="lanhdao.yte", role=Role.LEAD, agency=other_agency)


@pytest.fixture
def third_agency(db):
    return AgencyFactory(code="so-giao-thong", name="Sở Giao thông")
