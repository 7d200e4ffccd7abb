"""Log lines as one JSON object each (what log shippers such as journald → Loki or Vector read),
with the request id of the request or task that wrote them."""

import json
import logging
from datetime import UTC, datetime
from typing import Any

# Attributes every LogRecord has; anything else was passed with `extra=` and is written as a field.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "") or None,
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = value if isinstance(value, str | int | float | bool | type(None)) else str(value)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


def logging_config(*, json_lines: bool, level: str, access_log: bool) -> dict[str, Any]:
    """The LOGGING setting: one console handler, JSON or text, every record with its request id."""
    text = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "civicdesk.ops.requestid.RequestIdFilter"}},
        "formatters": {
            "json": {"()": "civicdesk.ops.logs.JsonFormatter"},
            "text": {"format": text},
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "filters": ["request_id"],
                        "formatter": "json" if json_lines else "text"},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # one line per request (method, path, status, duration, view) written by ops.metrics
            "civicdesk.request": {"level": "INFO" if access_log else "WARNING"},
            # the worker's "Task … received / succeeded" lines
            "celery.app.trace": {"level": "INFO"},
            "celery.worker.strategy": {"level": "INFO"},
        },
    }
