from tests.inbound.imap_server import imap_mailbox  # noqa: F401
from tests.notifications.sms_gateway import sms_gateway  # noqa: F401
from tests.notifications.smtp import smtp_inbox  # noqa: F401
