"""Fixtures of the Open311 conformance suite: a client system with its key, a published case,
and helpers that read either format the way a client of the standard would."""

import json
import xml.etree.ElementTree as ET

import pytest

from civicdesk.api.models import ApiClient
from civicdesk.open311.models import ServiceAttribute
from tests.factories import CaseFactory

BASE = "/open311/v2"


@pytest.fixture
def api_key(db):
    _client, raw = ApiClient.issue("ung-dung-quan-1")
    return raw


@pytest.fixture
def published_case(category, agency):
    return CaseFactory(category=category, agency=agency, is_public=True, status="answered",
                       content="Gọi cho tôi theo số 0903123456, tôi là Nguyễn Văn An.",
                       lat=10.7769, lon=106.7009)


@pytest.fixture
def attributes(category):
    ServiceAttribute.objects.create(
        category=category, code="muc-do", datatype="singlevaluelist", required=True, order=1,
        description="Mức độ hư hỏng", values=[{"key": "nhe", "name": "Nhẹ"}, {"key": "nang", "name": "Nặng"}],
    )
    ServiceAttribute.objects.create(
        category=category, code="so-o-ga", datatype="number", required=False, order=2,
        description="Số ô ga bị mất nắp",
    )


def parse(response, fmt):
    """JSON as is; XML as the root element (checked to be UTF-8 with a declaration)."""
    assert response["Content-Type"].endswith("charset=utf-8")
    if fmt == "json":
        assert response["Content-Type"].startswith("application/json")
        return json.loads(response.content.decode("utf-8"))
    assert response["Content-Type"].startswith("text/xml")
    assert response.content.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    return ET.fromstring(response.content)


def records(response, fmt, root_tag, item_tag):
    """The list of records as dicts of text, from either format: [{field: value}]."""
    data = parse(response, fmt)
    if fmt == "json":
        assert isinstance(data, list)
        return [{k: _text(v) for k, v in item.items()} for item in data]
    assert data.tag == root_tag
    items = list(data)
    assert all(item.tag == item_tag for item in items)
    return [{child.tag: (child.text or "") for child in item} for item in items]


def _text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return value
    return str(value)


def errors(response, fmt):
    return records(response, fmt, "errors", "error")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    # The personas' passwords are hashed on creation; the real hasher costs ~0.3 s a user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
