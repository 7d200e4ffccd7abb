"""What an agency does with a case besides answering it: start work, write internal notes, give
cases to its officers, attach files to an answer."""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from civicdesk.accounts.models import Role, User
from civicdesk.answers.models import Answer, AnswerAttachment
from civicdesk.petitions import attachments, events
from civicdesk.petitions.models import Case, EventAction
from civicdesk.workflow.states import Status
from civicdesk.workflow.transitions import move


class CaseworkError(ValueError):
    """A step that cannot be taken now; the message is for the user."""


def start(case: Case, actor: Any) -> Case:
    """assigned → in_progress; an officer starting an unassigned case takes it."""
    if case.status != Status.ASSIGNED:
        raise CaseworkError(_("Chỉ bắt đầu xử lý được hồ sơ vừa được chuyển đến."))
    with transaction.atomic():
        if case.assignee_id is None and actor.role == Role.OFFICER:
            _set_assignee(case, actor, actor)
        move(case, Status.IN_PROGRESS, actor, "", is_public=True)
    return case


def add_note(case: Case, actor: Any, text: str) -> None:
    text = (text or "").strip()
    if not text:
        raise CaseworkError(_("Ghi chú không được để trống."))
    events.record(case, EventAction.NOTE, actor, text, is_public=False)


def assignable_officers(agency_id: int | None):
    return User.objects.filter(agency=agency_id, role__in=(Role.OFFICER, Role.LEAD), is_active=True).order_by(
        "full_name", "username")


def assign(cases: Iterable[Case], officer: User, actor: Any) -> int:
    """Give each case to `officer` (who must belong to the case's agency); returns how many changed."""
    changed = 0
    with transaction.atomic():
        for case in cases:
            if officer.agency_id != case.agency_id:
                raise CaseworkError(_("Cán bộ %(name)s không thuộc đơn vị xử lý hồ sơ %(code)s.")
                                    % {"name": officer, "code": case.tracking_code})
            if case.assignee_id == officer.pk:
                continue
            _set_assignee(case, officer, actor)
            changed += 1
    return changed


def _set_assignee(case: Case, officer: User, actor: Any) -> None:
    previous = case.assignee_id
    case.assignee = officer
    case.save(update_fields=["assignee", "updated_at"])
    events.record(case, EventAction.ASSIGNEE_SET, actor, str(officer), is_public=False,
                  data={"assignee": officer.pk, "previous": previous})


def attach_files(answer: Answer, uploads: list, actor: Any) -> list[AnswerAttachment]:
    """Check every upload like intake does (type from the bytes, size), then store them all or none."""
    if answer.state not in (Answer.State.DRAFT, Answer.State.RETURNED):
        raise CaseworkError(_("Chỉ đính kèm tệp vào bản trả lời đang soạn."))
    if answer.attachments.count() + len(uploads) > settings.ATTACHMENT_MAX_FILES:
        raise CaseworkError(_("Mỗi bản trả lời có tối đa %(max)s tệp.") % {"max": settings.ATTACHMENT_MAX_FILES})
    try:
        checked = [attachments.check_upload(upload) for upload in uploads]
    except attachments.AttachmentError as exc:
        raise CaseworkError(str(exc)) from None
    # Public copies and file writes before the transaction; the rows in it, the files gone if it fails.
    uploader = actor if getattr(actor, "is_authenticated", False) else None
    stored: list[AnswerAttachment] = []
    try:
        for item in checked:
            stored.append(attachments.write(AnswerAttachment(answer=answer, uploaded_by=uploader),
                                            attachments.prepare(item)))
        with transaction.atomic():
            for row in stored:
                row.save()
    except BaseException:
        attachments.discard(stored)
        raise
    return stored
