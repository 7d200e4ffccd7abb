"""JSON log lines with the request id: kept from the proxy's X-Request-ID when it looks like one,
made up otherwise, returned in the response, and on every line the request writes."""

import io
import json
import logging

import pytest

from civicdesk.ops.logs import JsonFormatter
from civicdesk.ops.requestid import RequestIdFilter


@pytest.fixture
def json_lines(settings):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("civicdesk.request")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)
    logger.setLevel(old_level)


def test_request_id_from_the_proxy_is_kept_and_logged(client, db, json_lines):
    response = client.get("/healthz", HTTP_X_REQUEST_ID="lb-7f3a9c21d4e8")
    assert response["X-Request-ID"] == "lb-7f3a9c21d4e8"
    [line] = json_lines()
    assert line["request_id"] == "lb-7f3a9c21d4e8"
    assert line["level"] == "INFO" and line["logger"] == "civicdesk.request"
    assert (line["method"], line["path"], line["status"], line["view"]) == ("GET", "/healthz", 200, "ops:healthz")
    assert line["duration_ms"] >= 0


@pytest.mark.parametrize("incoming", ["", "short", "x" * 65, "id với dấu", "a\nb-injected-line"])
def test_request_id_that_is_not_an_id_is_replaced(client, db, json_lines, incoming):
    response = client.get("/healthz", HTTP_X_REQUEST_ID=incoming)
    request_id = response["X-Request-ID"]
    assert request_id != incoming and len(request_id) == 32 and request_id.isalnum()
    assert json_lines()[0]["request_id"] == request_id


def test_each_request_gets_its_own_id(client, db, json_lines):
    ids = {client.get("/healthz")["X-Request-ID"] for _ in range(3)}
    assert len(ids) == 3
    assert {line["request_id"] for line in json_lines()} == ids


def test_json_lines_keep_vietnamese_and_the_exception():
    record = logging.LogRecord("civicdesk.test", logging.ERROR, __file__, 1, "Không gửi được %s", ("thư",), None)
    try:
        raise ValueError("hỏng")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "Không gửi được thư"
    assert "ValueError: hỏng" in line["exception"]
