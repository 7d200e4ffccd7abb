"""The sender's identity on staff pages and the staff API, and the audit log of every read of a
denouncer's identity (Law on Denunciation 2018, Art. 9 and 47).

Who may read it is `permissions.can_see_reporter_identity`; this module hands it out and writes
one `IdentityRead` row per read of a protected case. Staff who may open the case but not read its
sender (a supporting agency; anyone not named on a denunciation) get its title, content and
timeline notes with personal data masked (`petitions.public_text.mask`) instead."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from civicdesk.petitions import permissions, public_text
from civicdesk.petitions.models import Case, CaseEvent, IdentityRead


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


def _reads_sender(user: Any, case: Case, identity: Identity | None) -> bool:
    # `identity` None with an unprotected case: a list (triage queue) that reveals nothing itself
    return identity is not None or (not permissions.protects_identity(case) and permissions.handles_case(user, case))


def content_for(user: Any, case: Case, identity: Identity | None) -> str:
    """The case's text on a staff page: as sent, or — for staff who may not read its sender (a
    supporting agency, staff not named on a denunciation) — with personal data masked."""
    return case.content if _reads_sender(user, case, identity) else public_text.mask(case.content, case)


def title_for(user: Any, case: Case, identity: Identity | None) -> str:
    """The case's title, masked like its content."""
    return case.title if _reads_sender(user, case, identity) else public_text.mask(case.title, case)


def timeline_for(user: Any, case: Case, identity: Identity | None, events: Iterable[CaseEvent]) -> list[CaseEvent]:
    """The staff timeline, its notes masked like the content: a reporter's e-mailed reply, a
    caller's words or a notice's address are written to the timeline as they came."""
    rows = list(events)
    if not _reads_sender(user, case, identity):
        for event in rows:
            event.note = public_text.mask(event.note, case)
    return rows
