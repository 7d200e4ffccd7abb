"""What the citizen-facing pages may show of a case: the content with personal data masked, hints of
the contact details (never the details), the public timeline. Its answer, and the whole tracking
page (public view or, once proved by `petitions.reporter_access`, the reporter's): `answers.public`."""

from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.utils.translation import gettext as _

from civicdesk.petitions import public_text
from civicdesk.petitions.models import Case, CaseEvent, EventAction

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def public_content(case: Case) -> str:
    return public_text.content_of(case)


def public_title(case: Case) -> str:
    return public_text.title_of(case)


def mask_email(email: str) -> str:
    """'an.nguyen@gmail.com' → 'a***@gmail.com'."""
    if not email or "@" not in email:
        return ""
    local, domain = email.rsplit("@", 1)
    return f"{local[:1]}***@{domain}"


def mask_phone(phone: str) -> str:
    """'0903123456' → '09*****456'."""
    digits = [c for c in phone or "" if c.isdigit()]
    if len(digits) < 6:
        return ""
    return "".join(digits[:2]) + "*" * (len(digits) - 5) + "".join(digits[-3:])


def contact_hints(case: Case) -> list[str]:
    """How the agency will reach the reporter, shown masked on the tracking page (anyone holding
    the code can open it)."""
    hints = []
    if case.reporter_email:
        hints.append(_("thư điện tử %(email)s") % {"email": mask_email(case.reporter_email)})
    if case.reporter_phone:
        hints.append(_("số điện thoại %(phone)s") % {"phone": mask_phone(case.reporter_phone)})
    return hints


@dataclass
class TimelineEntry:
    at: object
    label: str
    note: str
    colour: str


def public_timeline_label(event: CaseEvent) -> str:
    """What the public timeline calls this event: the status reached, else the action."""
    from civicdesk.petitions.models import Status

    if event.action == EventAction.STATUS_CHANGED and event.to_status:
        return str(Status(event.to_status).label)
    return str(dict(EventAction.choices).get(event.action, event.action))


def public_timeline(case: Case, masked: bool = True) -> list[TimelineEntry]:
    from civicdesk.petitions.models import STATUS_COLOURS, Status

    # keyed by Status members, which are str: a plain status string finds them
    colours = cast("dict[str, str]", STATUS_COLOURS)
    action_labels: dict[str, StrOrPromise] = dict(EventAction.choices)
    entries = []
    for event in case.timeline(public_only=True):
        label: StrOrPromise
        if event.action == EventAction.STATUS_CHANGED and event.to_status:
            label = Status(event.to_status).label
        else:
            label = action_labels.get(event.action, event.action)
        entries.append(TimelineEntry(
            at=event.created_at,
            label=str(label),
            note=(public_text.mask(event.note, case) if masked else event.note) if event.note else "",
            colour=colours.get(event.to_status, "grey") if event.to_status else "grey",
        ))
    return entries
