"""Sentry (or a Sentry-compatible server such as GlitchTip), only when CIVICDESK_SENTRY_DSN is set and
the `sentry-sdk` package is installed. Personal data is not sent: requests without bodies, cookies or
users' details (send_default_pii off)."""

import logging

from django.conf import settings

log = logging.getLogger(__name__)
_started = False


def start() -> bool:
    global _started
    dsn = getattr(settings, "SENTRY_DSN", "")
    if not dsn or _started:
        return _started
    try:
        import sentry_sdk
        from sentry_sdk.integrations.celery import CeleryIntegration
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError:
        log.warning("CIVICDESK_SENTRY_DSN is set but sentry-sdk is not installed (pip install sentry-sdk): "
                    "errors are only logged")
        return False
    sentry_sdk.init(
        dsn=dsn, environment=settings.SENTRY_ENVIRONMENT, send_default_pii=False,
        traces_sample_rate=settings.SENTRY_TRACES_SAMPLE_RATE, max_request_body_size="never",
        integrations=[DjangoIntegration(), CeleryIntegration()],
    )
    _started = True
    return True
