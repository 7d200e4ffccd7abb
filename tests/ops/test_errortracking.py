"""Sentry is optional: with a DSN but without the sentry-sdk package civicdesk carries on and says why."""

import importlib.util
import logging

import pytest

from civicdesk.ops import errortracking


def test_sentry_without_the_sdk_logs_a_warning_and_carries_on(settings, caplog, monkeypatch):
    if importlib.util.find_spec("sentry_sdk") is not None:
        pytest.skip("sentry-sdk is installed here")
    monkeypatch.setattr(errortracking, "_started", False)
    settings.SENTRY_DSN = "https://public@sentry.example.vn/1"
    with caplog.at_level(logging.WARNING, logger="civicdesk.ops.errortracking"):
        assert errortracking.start() is False
    assert "sentry-sdk is not installed" in caplog.text


def test_sentry_is_off_without_a_dsn(settings, monkeypatch):
    monkeypatch.setattr(errortracking, "_started", False)
    settings.SENTRY_DSN = ""
    assert errortracking.start() is False
