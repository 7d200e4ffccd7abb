from tests.notifications.smtp import smtp_inbox  # noqa: F401
