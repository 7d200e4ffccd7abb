"""The sender's identity on staff pages and the staff API, and the audit log of every read of a
denouncer's identity (Law on Denunciation 2018, Art. 9 and 47).

Who may read it is `permissions.can_see_reporter_identity`; this module hands it out and writes
one `IdentityRead` row per read of a protected case. Pages that must not show it get the content
with the sender's name masked instead."""

from dataclasses import dataclass
from typing import Any

from civicdesk.lib.masking import mask_personal_data
from civicdesk.petitions import permissions
from civicdesk.petitions.models import Case, IdentityRead


@dataclass(frozen=True)
class Identity:
    name: str
    phone: str
    email: str
    protected: bool  # a denunciation: this read was written to the audit log


def reveal(user: Any, case: Case, place: str) -> Identity | None:
    """The sender's identity for `user`, or None when they may not read it. A read of a protected
    (denunciation) case is logged with `place` (the page or endpoint)."""
    if not permissions.can_see_reporter_identity(user, case):
        return None
    protected = permissions.protects_identity(case)
    if protected:
        IdentityRead.objects.create(case=case, reader=user, reader_name=user.get_username()[:150], place=place[:40])
    return Identity(case.reporter_name, case.reporter_phone, case.reporter_email, protected)


def content_for(user: Any, case: Case, identity: Identity | None) -> str:
    """The case's text on a staff page: as sent, or — for staff who may not read a denouncer's
    identity — with names, phone numbers and addresses of people masked."""
    if identity is not None or not permissions.protects_identity(case):
        return case.content
    return mask_personal_data(case.content, names=[case.reporter_name])
