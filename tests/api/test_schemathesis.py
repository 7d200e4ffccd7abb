"""Property-based run of the OpenAPI document against the app in-process (WSGI): whatever
schemathesis sends, the API must never answer with a server error, and what it answers must match
the document. Kept small so CI stays fast."""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection, positive_data_acceptance

from civicdesk.accounts.models import Role
from civicdesk.api.models import StaffApiToken
from tests.factories import AgencyFactory, CaseFactory, CategoryFactory, RoutingRuleFactory, UserFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
# The assistant router belongs to its own app and is tested there.
schema = schema.exclude(path_regex="^/api/v1/assistant/")


@pytest.fixture
def _keep_test_connection():
    # A bare WSGI handler closes "old" connections around each request; the test's transaction
    # holds autocommit off, so on PostgreSQL that would drop it. Django's test client does the same.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(db, _keep_test_connection):
    category = CategoryFactory(code="ha-tang-do-thi")
    agency = AgencyFactory(code="so-xay-dung")
    RoutingRuleFactory(category=category, agency=agency)
    CaseFactory(category=category, agency=agency, tracking_code="K7QD-M3XA", is_public=True)
    officer = UserFactory(username="canbo-st", role=Role.OFFICER, agency=agency)
    _row, raw = StaffApiToken.issue(officer)
    return {"Authorization": f"Bearer {raw}"}


@schema.parametrize()
# Derandomized so that CI is repeatable; run with CIVICDESK_SCHEMATHESIS_EXAMPLES=500 to search wider.
@settings(max_examples=int(os.environ.get("CIVICDESK_SCHEMATHESIS_EXAMPLES", "30")), derandomize=True, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_api_never_fails_and_matches_its_schema(case, world):
    # A schema-valid body may still name an unknown category or an e-mail Django refuses: 422 by
    # design, so "positive data acceptance" is left out. Staff endpoints get a real token so that
    # their logic runs; the token then hides the "missing Authorization" negative case.
    excluded = [positive_data_acceptance]
    if case.path.startswith("/api/v1/staff/"):
        excluded.append(negative_data_rejection)
        case.call_and_validate(headers=world, excluded_checks=excluded)
    else:
        case.call_and_validate(excluded_checks=excluded)
