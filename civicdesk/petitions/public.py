"""What the citizen-facing pages may show of a case: the approved answer, the content with personal
data masked, hints of the contact details (never the details), the public timeline — and what the
tracking page shows to the public and, once proved (`petitions.reporter_access`), to the reporter."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from civicdesk.petitions import public_text
from civicdesk.petitions.models import Case, EventAction

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def approved_answer_text(case: Case) -> str:
    """The public text of the newest approved answer, or '' when none is approved yet."""
    from civicdesk.answers.models import Answer

    answer = Answer.objects.filter(case=case, state=Answer.State.APPROVED).order_by("-approved_at", "-id").first()
    if answer is None:
        return ""
    return answer.public_body or public_text.mask_answer(answer.body, case)


def with_public_summaries(cases: Iterable[Case]) -> list[Case]:
    """Cases for a list page, each with `public_title` and `answer_excerpt` (masked), reading the
    approved answers in one query."""
    from django.db.models import prefetch_related_objects
    from django.utils.text import Truncator

    from civicdesk.answers.models import Answer

    cases = list(cases)
    approved = Answer.objects.filter(state=Answer.State.APPROVED).order_by("-approved_at", "-id")
    prefetch_related_objects(cases, Prefetch("answers", queryset=approved, to_attr="approved_answers"))
    for case in cases:
        case.public_title = public_title(case)
        answer = case.approved_answers[0] if case.approved_answers else None  # type: ignore[attr-defined]
        text = (answer.public_body or public_text.mask_answer(answer.body, case)) if answer else ""
        case.answer_excerpt = Truncator(text).chars(180)  # type: ignore[attr-defined]
    return cases


def public_content(case: Case) -> str:
    return public_text.content_of(case)


def public_title(case: Case) -> str:
    return public_text.title_of(case)


def reporter_answer_text(case: Case) -> str:
    """The newest approved answer as the agency wrote it: for the reporter only."""
    from civicdesk.answers.models import Answer

    answer = Answer.objects.filter(case=case, state=Answer.State.APPROVED).order_by("-approved_at", "-id").first()
    return answer.body if answer is not None else ""


def tracking_context(case: Case, reporter: bool) -> dict:
    """What /tra-cuu/<code>/ shows: to anyone holding the code, the public (masked) view without the
    address line or contact hints; to the proved reporter, their own texts, answer and contact hints."""
    if reporter:
        return {
            "reporter": True, "title": case.title, "content": case.content, "address": case.address_text,
            "timeline": public_timeline(case, masked=False), "answer": reporter_answer_text(case),
            "contact_hints": contact_hints(case), "rejection_reason": case.rejection_reason,
        }
    return {
        "reporter": False, "title": public_title(case), "content": public_content(case), "address": "",
        "timeline": public_timeline(case), "answer": approved_answer_text(case), "contact_hints": [],
        "rejection_reason": public_text.mask_answer(case.rejection_reason, case),
    }


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


def public_timeline(case: Case, masked: bool = True) -> list[TimelineEntry]:
    from civicdesk.workflow.states import STATUS_COLOURS, Status

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
