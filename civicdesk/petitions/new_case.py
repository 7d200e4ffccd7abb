"""What a channel hands to intake (`civicdesk.workflow.intake.submit`): a new case as received,
before routing. The channel (form, schema) has validated each field."""

from dataclasses import dataclass, field
from typing import Any

from civicdesk.petitions import attachments
from civicdesk.petitions.models import Category, Channel, Kind, Priority


@dataclass
class NewCase:
    title: str
    content: str
    kind: str = Kind.REPORT
    channel: str = Channel.WEB
    category: Category | None = None
    category_confirmed: bool = False
    priority: str = Priority.NORMAL
    address_text: str = ""
    ward: Any = None
    lat: float | None = None
    lon: float | None = None
    reporter_type: str = "person"
    reporter_name: str = ""
    reporter_email: str = ""
    reporter_phone: str = ""
    reporter_zalo_id: str = ""
    reply_channel: str = ""  # petitions.models.ReplyChannel, or blank
    hide_identity: bool = False
    consent: bool = True
    user: Any = None
    files: list[attachments.CheckedFile] = field(default_factory=list)
    idempotency_key: str | None = None
    # SHA-256 of what the caller sent with the key: the same key with other content is refused.
    idempotency_fingerprint: str = ""
    created_at: Any = None
