"""E-mail in: the city's mailbox, read over IMAP the way helpdesks do (Celery beat every minute,
`civicdesk fetch-mail` by hand).

Each unseen message is read once: its Message-ID (or, without one, the hash of its bytes) is stored
in `InboundMessage`, so a message fetched again after a crash does nothing; it is then flagged
\\Seen. What it becomes:

- auto-replies (Auto-Submitted, X-Autoreply, X-Autorespond, Precedence bulk/junk/list/auto_reply),
  bounces (multipart/report delivery-status, MAILER-DAEMON, postmaster, an empty Return-Path) and
  loops (our own X-Civicdesk header or sender address) are recorded as ignored;
- a message whose subject carries a tracking code of an existing case is added to that case as an
  internal note (`workflow.operations.add_note`), not a new case;
- anything else is a new case (channel email) with its attachments, each checked like an upload
  (`petitions.attachments.check_upload`); refused files are listed in the case's text."""

import contextlib
import email
import hashlib
import imaplib
import logging
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.utils import parseaddr

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import override

from civicdesk.inbound.models import InboundMessage
from civicdesk.lib.text import title_from_first_line
from civicdesk.petitions import attachments
from civicdesk.petitions.models import Case, Channel
from civicdesk.petitions.new_case import NewCase
from civicdesk.petitions.tracking import normalise_tracking_code
from civicdesk.workflow import intake, operations
from civicdesk.workflow.states import IllegalTransition

log = logging.getLogger(__name__)

CODE_IN_SUBJECT = re.compile(r"(?<![A-Z0-9])([A-Z0-9]{4}-[A-Z0-9]{4})(?![A-Z0-9])", re.IGNORECASE)
REPLY_PREFIX = re.compile(r"^\s*((re|fw|fwd|tr|trả lời|chuyển tiếp)\s*:\s*)+", re.IGNORECASE)
BULK_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
BOUNCE_SENDERS = ("mailer-daemon", "postmaster")
# The header every mail civicdesk sends carries (notifications/channels/email.py).
OWN_HEADER = "X-Civicdesk"
MAX_CONTENT = 20000


@dataclass
class FetchCounts:
    cases: int = 0
    replies: int = 0
    ignored: int = 0
    seen_before: int = 0
    errors: list[str] = field(default_factory=list)


def is_configured() -> bool:
    return bool(settings.IMAP_HOST)


def fetch_mail() -> FetchCounts:
    """Reads the unseen messages of the configured folder; connection errors propagate (OSError,
    imaplib.IMAP4.error) so the beat task logs them and the next run tries again."""
    counts = FetchCounts()
    if not is_configured():
        return counts
    connection_class = imaplib.IMAP4_SSL if settings.IMAP_SSL else imaplib.IMAP4
    connection = connection_class(settings.IMAP_HOST, settings.IMAP_PORT, timeout=settings.IMAP_TIMEOUT)
    try:
        connection.login(settings.IMAP_USER, settings.IMAP_PASSWORD)
        status, _data = connection.select(settings.IMAP_FOLDER)
        if status != "OK":
            raise imaplib.IMAP4.error(f"cannot select {settings.IMAP_FOLDER!r}")
        status, found = connection.uid("SEARCH", None, "UNSEEN")  # type: ignore[arg-type]
        uids = found[0].split() if status == "OK" and found and found[0] else []
        for uid in uids[: settings.IMAP_BATCH]:
            status, parts = connection.uid("FETCH", uid.decode(), "(BODY.PEEK[])")
            raw = next((p[1] for p in parts or [] if isinstance(p, tuple) and len(p) == 2), None)
            if status != "OK" or not isinstance(raw, bytes):
                counts.errors.append(f"uid {uid.decode()}: not fetched")
                continue
            outcome = receive(raw)
            if outcome is None:
                counts.seen_before += 1
            elif outcome.outcome == InboundMessage.Outcome.CASE:
                counts.cases += 1
            elif outcome.outcome == InboundMessage.Outcome.REPLY:
                counts.replies += 1
            else:
                counts.ignored += 1
            connection.uid("STORE", uid.decode(), "+FLAGS", "(\\Seen)")
    finally:
        with contextlib.suppress(OSError, imaplib.IMAP4.error):
            connection.logout()
    return counts


def receive(raw: bytes) -> InboundMessage | None:
    """Acts on one message; None when it was received before (same Message-ID)."""
    message = email.message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    message_id = str(message.get("Message-ID", "")).strip() or "sha256:" + hashlib.sha256(raw).hexdigest()
    name, address = parseaddr(str(message.get("From", "")))
    address = address.strip().lower()
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = InboundMessage.objects.create(channel=InboundMessage.Channel.EMAIL,
                                                       provider_id=message_id[:250], sender=address[:250])
        except IntegrityError:
            return None
        reason = ignore_reason(message, address)
        if reason:
            record.outcome, record.note = InboundMessage.Outcome.IGNORED, reason
        else:
            subject = " ".join(str(message.get("Subject", "")).split())
            text = body_text(message)
            case = _case_replied_to(subject)
            if case is not None and _add_reply(case, address, subject, text, message_id):
                record.outcome, record.case = InboundMessage.Outcome.REPLY, case
            elif not (text or subject):
                record.outcome, record.note = InboundMessage.Outcome.IGNORED, "empty"
            else:
                record.outcome = InboundMessage.Outcome.CASE
                record.case = _new_case(message, name, address, subject, text, message_id)
        record.save(update_fields=["outcome", "note", "case"])
    return record


def ignore_reason(message: EmailMessage, sender: str) -> str:
    """Why the message must not become a case or a note ('' when it may)."""
    if message.get(OWN_HEADER) is not None or sender in _own_addresses():
        return "loop"
    auto = str(message.get("Auto-Submitted", "")).strip().lower()
    if auto and auto != "no":
        return "auto-reply"
    if message.get("X-Autoreply") is not None or message.get("X-Autorespond") is not None:
        return "auto-reply"
    if str(message.get("Precedence", "")).strip().lower() in BULK_PRECEDENCE:
        return "bulk"
    if message.get_content_type() == "multipart/report" or str(message.get("Content-Type", "")).lower().count(
            "delivery-status"):
        return "bounce"
    if sender.split("@")[0] in BOUNCE_SENDERS or str(message.get("Return-Path", "x")).strip() == "<>":
        return "bounce"
    if not sender or "@" not in sender:
        return "no sender"
    return ""


def body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):  # an unknown charset or a broken encoding: what can be read
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if part.get_content_type() == "text/html":
        content = strip_tags(content)
    lines = [line.rstrip() for line in str(content).replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip()[:MAX_CONTENT]


def _own_addresses() -> set[str]:
    own = {parseaddr(settings.DEFAULT_FROM_EMAIL)[1].lower()}
    if "@" in settings.IMAP_USER:
        own.add(settings.IMAP_USER.lower())
    return own - {""}


def _case_replied_to(subject: str) -> Case | None:
    for candidate in CODE_IN_SUBJECT.findall(subject):
        code = normalise_tracking_code(candidate)
        case = Case.objects.filter(tracking_code=code).first() if code else None
        if case is not None:
            return case
    return None


def _add_reply(case: Case, sender: str, subject: str, text: str, message_id: str) -> bool:
    """The mail as an internal note on the case; False when the case takes no notes any more."""
    with override("vi"):
        who = (_("Thư của người gửi") if sender == (case.reporter_email or "").lower()
               else _("Thư của %(address)s") % {"address": sender})
        note = f"{who}: {subject}\n\n{text}".strip()
    try:
        operations.add_note(case, None, note[:MAX_CONTENT], data={"channel": "email", "message_id": message_id[:250]})
    except (operations.WorkflowError, IllegalTransition):
        return False
    return True


def _new_case(message: EmailMessage, name: str, sender: str, subject: str, text: str, message_id: str) -> Case:
    subject = REPLY_PREFIX.sub("", subject).strip()
    files, refused = _attachments(message)
    content = text or subject
    if refused:
        with override("vi"):
            content += "\n\n" + _("Tệp đính kèm không nhận được:") + "\n" + "\n".join(f"- {r}" for r in refused)
    case, _created = intake.submit(NewCase(
        title=title_from_first_line(subject or text), content=content, channel=Channel.EMAIL,
        reporter_name=name.strip()[:150], reporter_email=sender, files=files,
        idempotency_key="email:" + hashlib.sha256(message_id.encode()).hexdigest()[:64],
    ))
    return case


def _attachments(message: EmailMessage) -> tuple[list[attachments.CheckedFile], list[str]]:
    files: list[attachments.CheckedFile] = []
    refused: list[str] = []
    for part in message.iter_attachments():
        assert isinstance(part, EmailMessage)
        name = part.get_filename() or "tep"
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        if len(files) >= settings.ATTACHMENT_MAX_FILES:
            refused.append(f"{name}: " + _("quá số tệp cho phép"))
            continue
        try:
            files.append(attachments.check_upload(SimpleUploadedFile(name, payload, part.get_content_type())))
        except attachments.AttachmentError as error:
            refused.append(str(error))
    return files, refused
