"""What the citizen-facing pages may show of a case: the approved answer, the content with personal
data masked, hints of the contact details (never the details), the public timeline."""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from civicdesk.lib.masking import mask_personal_data
from civicdesk.petitions.models import Case, EventAction

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


def approved_answer_text(case: Case) -> str:
    """The public text of the newest approved answer, or '' when none is approved yet."""
    from civicdesk.answers.models import Answer

    answer = Answer.objects.filter(case=case, state=Answer.State.APPROVED).order_by("-approved_at", "-id").first()
    if answer is None:
        return ""
    return answer.public_body or mask_personal_data(answer.body, names=[case.reporter_name])


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
        case.public_title = public_title(case)  # type: ignore[attr-defined]
        answer = case.approved_answers[0] if case.approved_answers else None  # type: ignore[attr-defined]
        text = (answer.public_body or mask_personal_data(answer.body, names=[case.reporter_name])) if answer else ""
        case.answer_excerpt = Truncator(text).chars(180)  # type: ignore[attr-defined]
    return cases


def public_content(case: Case) -> str:
    return mask_personal_data(case.content, names=[case.reporter_name])


def public_title(case: Case) -> str:
    return mask_personal_data(case.title, names=[case.reporter_name])


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


def public_timeline(case: Case) -> list[TimelineEntry]:
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
            note=mask_personal_data(event.note, names=[case.reporter_name]) if event.note else "",
            colour=colours.get(event.to_status, "grey") if event.to_status else "grey",
        ))
    return entries
