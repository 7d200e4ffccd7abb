"""SMS in: the gateway forwards each message a citizen texts to the city's number.

The request has eSMS.vn's MO shape (GET or POST): `smsid` (the gateway's id), `sender` (84…),
`content`, `receiverTime` (yyyyMMddHHmmss, Vietnam time), `serviceNumber`, `keyword`, `sign`.
`sign` is the hex HMAC-SHA256 of `smsid|sender|content|receiverTime` under SMS_WEBHOOK_SECRET.
A request without a valid signature, older or newer than SMS_WEBHOOK_MAX_AGE, or whose smsid was
already received (a replay) is refused and changes nothing.

"TT ABCD-2345" (or "status …", "tra cuu …") is answered with the case's status by SMS; anything
else becomes a case (channel sms) through `workflow.intake.submit`, and the receipt goes back by SMS."""

import hashlib
import hmac
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from civicdesk.inbound.models import InboundMessage
from civicdesk.lib.text import title_from_first_line
from civicdesk.notifications import dispatch, sms_text
from civicdesk.notifications.channels import PermanentFailure
from civicdesk.notifications.channels import sms as sms_channel
from civicdesk.notifications.models import Event
from civicdesk.petitions.models import Case, Channel
from civicdesk.petitions.new_case import NewCase
from civicdesk.petitions.tracking import normalise_tracking_code
from civicdesk.workflow import intake

log = logging.getLogger(__name__)

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
STATUS_QUERY = re.compile(r"^\s*(?:status|tt|trang\s*thai|tra\s*cuu)\s*[:\-]?\s*([a-z0-9]{4}[\s\-]?[a-z0-9]{4})\s*$",
                          re.IGNORECASE)
MIN_REPORT_LENGTH = 15  # shorter is a greeting or a typo, not a report: the sender gets the help text
MAX_CONTENT = 4000


class Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


@dataclass
class Sms:
    provider_id: str
    sender: str  # national form, 0…
    text: str
    received_at: datetime


def signature(smsid: str, sender: str, content: str, receiver_time: str) -> str:
    message = "|".join((smsid, sender, content, receiver_time)).encode()
    return hmac.new(settings.SMS_WEBHOOK_SECRET.encode(), message, hashlib.sha256).hexdigest()


def verify(fields: Mapping[str, str], now: datetime | None = None) -> Sms:
    """The message, if the request is the gateway's and fresh; otherwise `Refused`."""
    if not (sms_channel.is_configured() and settings.SMS_WEBHOOK_SECRET):
        raise Refused(404, "SMS is not connected")
    smsid, sender = fields.get("smsid", ""), fields.get("sender", "")
    content, when = fields.get("content", ""), fields.get("receiverTime", "")
    given = fields.get("sign", "")
    if not (smsid and sender and when and given):
        raise Refused(400, "missing fields")
    if not hmac.compare_digest(given.lower().encode(), signature(smsid, sender, content, when).encode()):
        raise Refused(403, "bad signature")
    try:
        received_at = datetime.strptime(when, "%Y%m%d%H%M%S").replace(tzinfo=VIETNAM)
    except ValueError:
        raise Refused(400, "bad receiverTime") from None
    if abs((now or timezone.now()) - received_at) > timedelta(seconds=settings.SMS_WEBHOOK_MAX_AGE):
        raise Refused(403, "stale")
    phone = sms_channel.national_number(sender)
    if not re.fullmatch(r"0\d{9,10}", phone):
        raise Refused(400, "bad sender")
    return Sms(provider_id=smsid[:250], sender=phone, text=content.strip()[:MAX_CONTENT], received_at=received_at)


def receive(message: Sms) -> InboundMessage:
    """Acts on a verified message once; a second delivery of the same smsid is `Refused(409)`."""
    reply_later = ""
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = InboundMessage.objects.create(channel=InboundMessage.Channel.SMS,
                                                       provider_id=message.provider_id, sender=message.sender)
        except IntegrityError:
            raise Refused(409, "replayed") from None
        query = STATUS_QUERY.match(message.text)
        if query:
            code = normalise_tracking_code(query.group(1))
            case = Case.objects.filter(tracking_code=code).first() if code else None
            record.outcome, record.case = InboundMessage.Outcome.STATUS, case
            if case is not None:
                dispatch.notify_address(case, "sms", message.sender, Event.STATUS, dedupe_key=f"sms:{message.provider_id}")
            else:
                with override("vi"):
                    reply_later = _("Không tìm thấy phản ánh có mã %(code)s. Vui lòng kiểm tra lại mã tra cứu.") % {
                        "code": query.group(1).upper()}
        elif len(message.text) < MIN_REPORT_LENGTH:
            record.outcome, record.note = InboundMessage.Outcome.IGNORED, "too short"
            with override("vi"):
                reply_later = _("Gửi phản ánh: nhắn nội dung sự việc và địa chỉ. Tra cứu: TT <mã tra cứu>.")
        else:
            case, _created = intake.submit(NewCase(
                title=title_from_first_line(message.text), content=message.text, channel=Channel.SMS,
                reporter_phone=message.sender, idempotency_key=f"sms:{message.provider_id}"[:80],
            ))
            record.outcome, record.case = InboundMessage.Outcome.CASE, case
        record.save(update_fields=["outcome", "case", "note"])
    if reply_later:
        transaction.on_commit(lambda: _reply_without_case(message, reply_later))
    return record


def _reply_without_case(message: Sms, text: str) -> None:
    """A help or "not found" reply has no case to hang a notification on: one try, the gateway's
    request id keeps it single."""
    try:
        text = sms_text.prepare(text, unicode=settings.SMS_UNICODE)
        sms_channel.send_text(message.sender, text, f"{settings.SMS_REQUEST_PREFIX}-in-{message.provider_id}"[:100])
    except (OSError, PermanentFailure) as exc:
        log.warning("reply to inbound SMS %s not sent: %s", message.provider_id, exc)
